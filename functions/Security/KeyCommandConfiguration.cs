using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Functions.Security;

/// <summary>
/// The settings the <c>keys</c> command reads, as a Functions host would give them to the app: local.settings.json
/// <c>Values</c> ("__" meaning ":") from the current directory or the nearest parent holding host.json, with
/// environment variables over them.
/// </summary>
internal static class KeyCommandConfiguration
{
    public static IConfiguration Build(string startDirectory)
    {
        var builder = new ConfigurationBuilder();
        if (ScriptRoot(startDirectory) is { } root && File.Exists(Path.Combine(root, "local.settings.json")))
            builder.AddInMemoryCollection(LocalValues(Path.Combine(root, "local.settings.json")));
        return builder.AddEnvironmentVariables().Build();
    }

    private static string? ScriptRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "host.json")))
                return dir.FullName;
        }
        return null;
    }

    private static IEnumerable<KeyValuePair<string, string?>> LocalValues(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
            return [];
        return values.EnumerateObject().Select(property => new KeyValuePair<string, string?>(
            property.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal),
            property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                _ => property.Value.GetRawText(),
            })).ToList();
    }
}
