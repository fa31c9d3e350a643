using Microsoft.Extensions.Configuration;

namespace Gonghui.Hosting.Configuration;

public static class StorageSettings
{
    /// <summary>The setting holding the app's storage connection string, as in Azure Functions.</summary>
    public const string ConnectionSetting = "AzureWebJobsStorage";

    public static string ConnectionString(IConfiguration configuration) =>
        configuration[ConnectionSetting] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"The setting {ConnectionSetting} is not set: put it in local.settings.json Values (UseDevelopmentStorage=true for Azurite) or the environment.");
}
