using Gonghui.Connections;
using Gonghui.Functions.Storage;

namespace Gonghui.Functions.Security;

/// <summary>
/// The <c>keys</c> command of a function app, against the app's storage:
/// <c>keys create --role admin --name NAME [--unit U] [--region R]</c> (prints the secret once),
/// <c>keys list</c>, <c>keys revoke ID</c>.
/// </summary>
internal static class KeyCommand
{
    public const string Name = "keys";

    /// <summary>
    /// The key store of the storage the settings name (see <see cref="KeyCommandConfiguration"/>), its table created as the
    /// app would create it: an admin may make the first key before the app has ever started.
    /// </summary>
    public static async Task<ApiKeyStore> StoreFromSettingsAsync()
    {
        var storage = StorageConnection.FromConfiguration(KeyCommandConfiguration.Build(Directory.GetCurrentDirectory()));
        var tables = storage.CreateTableServiceClient();
        await StorageProvisioning.CreateAsync(tables, storage.CreateQueueServiceClient(), storage.CreateBlobServiceClient(),
            [SecurityServiceCollectionExtensions.Storage], CancellationToken.None);
        return new ApiKeyStore(tables, TimeProvider.System);
    }

    public static async Task<int> RunAsync(string[] args, ApiKeyStore keys, TextWriter output, TextWriter errors)
    {
        switch (args)
        {
            case ["create", .. var options]:
                var named = Options(options);
                if (!ApiRoleNames.TryParse(named.GetValueOrDefault("role"), out var role) || !named.TryGetValue("name", out var name))
                    return Usage(errors);
                var created = await keys.CreateAsync(name, role, named.GetValueOrDefault("unit"), named.GetValueOrDefault("region"));
                output.WriteLine($"Created key {created.Key.Id} ({created.Key.Name}, role {ApiRoleNames.Name(role)}).");
                output.WriteLine($"Secret (shown only now; send it as the x-functions-key header): {created.Secret}");
                return 0;
            case ["list"]:
                foreach (var key in await keys.ListAsync())
                    output.WriteLine($"{key.Id}\t{ApiRoleNames.Name(key.Role)}\t{key.Name}\tunit={key.Unit ?? "-"}\tregion={key.Region ?? "-"}\t" +
                                     $"created {key.CreatedAt:u}{(key.RevokedAt is { } revoked ? $"\trevoked {revoked:u}" : "")}");
                return 0;
            case ["revoke", var id]:
                var revokedKey = await keys.RevokeAsync(id);
                if (revokedKey is null)
                {
                    errors.WriteLine($"There is no key with the id '{id}'.");
                    return 1;
                }
                output.WriteLine($"Revoked key {revokedKey.Id} ({revokedKey.Name}) at {revokedKey.RevokedAt:u}.");
                return 0;
            default:
                return Usage(errors);
        }
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
                options[args[i][2..]] = args[i + 1];
        }
        return options;
    }

    private static int Usage(TextWriter errors)
    {
        errors.WriteLine("usage: keys create --role operator|handler|supervisor|approver|admin|registry|nominator --name NAME [--unit UNIT] [--region REGION]");
        errors.WriteLine("       keys list");
        errors.WriteLine("       keys revoke ID");
        return 2;
    }
}
