using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Gonghui.LocalHost.Configuration;

/// <summary>
/// A function app's settings files, read as Azure Functions Core Tools reads them: host.json from the app folder (the
/// host's settings, under <see cref="HostSection"/>), and local.settings.json <c>Values</c> from the app folder or else
/// the current directory, given to the process as environment variables (so the app's own configuration sees them, as
/// it sees app settings in Azure) without overriding variables already set.
/// </summary>
public static class FunctionAppSettings
{
    public const string HostSection = "AzureFunctionsJobHost";
    public const string HostJson = "host.json";
    public const string LocalSettingsJson = "local.settings.json";

    /// <summary>host.json flattened under <see cref="HostSection"/>.</summary>
    public static Dictionary<string, string?> ReadHostJson(string appFolder)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var hostJson = Path.Combine(appFolder, HostJson);
        if (!File.Exists(hostJson))
            return settings;
        var host = new ConfigurationBuilder().AddJsonFile(hostJson, optional: false).Build();
        foreach (var (key, value) in host.AsEnumerable())
        {
            if (value is not null)
                settings[HostSection + ConfigurationPath.KeyDelimiter + key] = value;
        }
        return settings;
    }

    /// <summary>Sets local.settings.json Values as environment variables; returns the file read, if any.</summary>
    public static string? ApplyLocalSettings(string appFolder, string currentDirectory)
    {
        var path = new[] { appFolder, currentDirectory }.Select(folder => Path.Combine(folder, LocalSettingsJson)).FirstOrDefault(File.Exists);
        if (path is null)
            return null;
        foreach (var (name, value) in ReadValues(path))
        {
            if (Environment.GetEnvironmentVariable(name) is null)
                Environment.SetEnvironmentVariable(name, value);
        }
        return path;
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
