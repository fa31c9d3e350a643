using Gonghui.LocalHost.Configuration;
using Gonghui.LocalHost.Functions;
using Gonghui.LocalHost.Http;
using Microsoft.Extensions.Configuration;

namespace Gonghui.LocalHost;

/// <summary>The app's functions and what triggers them, for the start-up log and <c>GET /admin/functions</c>.</summary>
public sealed class FunctionListing(FunctionCatalog catalog, HttpOptions http, IConfiguration configuration)
{
    public IReadOnlyList<FunctionListingEntry> Entries() =>
        catalog.All.OrderBy(f => f.Name, StringComparer.Ordinal).Select(Describe).ToList();

    private FunctionListingEntry Describe(FunctionDescriptor function)
    {
        var disabled = SettingExpression.IsFunctionDisabled(configuration, function.Name);
        var detail = function.Trigger switch
        {
            HttpTrigger t => $"{(t.Methods.Count == 0 ? "ANY" : string.Join(",", t.Methods))} {HttpFunctionEndpoints.RoutePattern(http, function)} ({t.Level.ToString().ToLowerInvariant()})",
            QueueTrigger t => "queue " + ResolveOrSay(t.QueueName, function.Name),
            TimerTrigger t => $"schedule {ResolveOrSay(t.Schedule, function.Name)}{(t.RunOnStartup ? ", runs on startup" : "")}",
            _ => null,
        };
        return new(function.Name, function.Trigger.Type, disabled, detail);
    }

    private string ResolveOrSay(string value, string functionName)
    {
        try
        {
            return SettingExpression.Resolve(configuration, value, functionName);
        }
        catch (InvalidOperationException)
        {
            return value + " (setting missing)";
        }
    }
}

public sealed record FunctionListingEntry(string Name, string Trigger, bool Disabled, string? Detail)
{
    public override string ToString() => $"{Name}: {Trigger}{(Detail is null ? "" : " " + Detail)}{(Disabled ? " [disabled]" : "")}";
}
