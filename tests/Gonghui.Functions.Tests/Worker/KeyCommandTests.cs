using Gonghui.Functions.Security;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Worker;

/// <summary>
/// `dotnet Gonghui.Functions.dll keys ...` manages API keys in the storage the settings name, without a Functions host
/// (the first admin key of a deployment is made this way).
/// </summary>
public sealed class KeyCommandTests : IAsyncLifetime
{
    private AzuriteServer _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteServer.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task Keys_create_stores_an_admin_key_whose_secret_it_prints_once()
    {
        var settings = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = _azurite.ConnectionString };
        var dll = FunctionAppProcess.BuiltDll("functions", "Gonghui.Functions");
        var (exitCode, output) = await FunctionAppProcess.RunCommandAsync(dll, settings, ["keys", "create", "--role", "admin", "--name", "first admin"]);
        Assert.True(exitCode == 0, output);
        var secret = output.Split('\n').Single(l => l.StartsWith("Secret", StringComparison.Ordinal)).Split(':', 2)[1].Trim();

        var stored = await new ApiKeyStore(_azurite.CreateTableServiceClient(), TimeProvider.System).FindBySecretAsync(secret);
        Assert.NotNull(stored);
        Assert.Equal(("first admin", ApiRoles.Admin), (stored.Name, stored.Role));

        var (listed, list) = await FunctionAppProcess.RunCommandAsync(dll, settings, ["keys", "list"]);
        Assert.Equal(0, listed);
        Assert.Contains(stored.Id, list);
        Assert.DoesNotContain(secret, list);
    }
}
