using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Hosting.Configuration;

/// <summary>
/// Finds and reads a function app's settings files the way Azure Functions does: host.json (under the
/// section <see cref="HostSection"/>) and local.settings.json's <c>Values</c> (at the root, "__" meaning ":"), from the
/// current directory or the nearest parent holding host.json.
/// </summary>
public static class FunctionAppSettings
{
    public const string HostSection = "AzureFunctionsJobHost";
    public const string HostJson = "host.json";
    public const string LocalSettingsJson = "local.settings.json";

    /// <summary>The folder holding host.json: <paramref name="start"/> or its nearest parent; null when there is none.</summary>
    public static string? FindScriptRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, HostJson)))
                return dir.FullName;
        }
        return null;
    }

    /// <summary>host.json flattened under <see cref="HostSection"/>, then local.settings.json Values.</summary>
    public static Dictionary<string, string?> Load(string? scriptRoot)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (scriptRoot is null)
            return settings;
        var hostJson = Path.Combine(scriptRoot, HostJson);
        if (File.Exists(hostJson))
        {
            var host = new ConfigurationBuilder().AddJsonFile(hostJson, optional: false).Build();
            foreach (var (key, value) in host.AsEnumerable())
            {
                if (value is not null)
                    settings[HostSection + ConfigurationPath.KeyDelimiter + key] = value;
            }
        }
        var localSettings = Path.Combine(scriptRoot, LocalSettingsJson);
        if (File.Exists(localSettings))
        {
            foreach (var (key, value) in ReadValues(localSettings))
                settings[key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
        }
        return settings;
    }

    private static IEnumerable<KeyValuePair<string, string?>> ReadValues(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
            yield break;
        foreach (var property in values.EnumerateObject())
        {
            yield return new(property.Name, property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                _ => property.Value.GetRawText(),
            });
        }
    }
}
