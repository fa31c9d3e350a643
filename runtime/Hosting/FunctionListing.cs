using Gonghui.Hosting.Configuration;
using Gonghui.Hosting.Functions;
using Gonghui.Hosting.Http;
using Gonghui.Hosting.Security;
using Gonghui.Hosting.Triggers;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Hosting;

/// <summary>
/// The functions of the app and what triggers them, for the start-up log and <c>GET /api/admin/functions</c>.
/// Triggers the host does not run itself (orchestration, activity, ...) are listed as run by an extension.
/// </summary>
public sealed class FunctionListing(FunctionCatalog catalog, HttpOptions http, IConfiguration configuration)
{
    public IReadOnlyList<FunctionListingEntry> Entries() =>
        catalog.All.OrderBy(f => f.Name, StringComparer.Ordinal).Select(Describe).ToList();

    private FunctionListingEntry Describe(FunctionDescriptor function)
    {
        var disabled = SettingExpression.IsFunctionDisabled(configuration, function.Name);
        return function.Trigger switch
        {
            HttpTriggerAttribute t => new(function.Name, t.TriggerType, "host", disabled,
                $"{(t.Methods.Length == 0 ? "ANY" : string.Join(",", t.Methods))} {HttpFunctionEndpoints.RoutePattern(http, function)} " +
                (t.Anonymous ? "(anonymous)" : $"(roles: {ApiRoleNames.Describe(t.Roles)})")),
            QueueTriggerAttribute t => new(function.Name, t.TriggerType, "host", disabled,
                "queue " + ResolveOrSay(t.QueueName, function.Name)),
            TimerTriggerAttribute t => new(function.Name, t.TriggerType, "host", disabled,
                $"schedule {ResolveOrSay(t.Schedule, function.Name)}{(t.RunOnStartup ? ", runs on startup" : "")}"),
            _ => new(function.Name, function.TriggerType, "extension", disabled, null),
        };
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

public sealed record FunctionListingEntry(string Name, string Trigger, string RunBy, bool Disabled, string? Detail)
{
    public override string ToString() =>
        $"{Name}: {Trigger}{(Detail is null ? "" : " " + Detail)}{(RunBy == "extension" ? " [run by an extension]" : "")}{(Disabled ? " [disabled]" : "")}";
}
