using System.Net;
using Gonghui.Hosting.Security;
using Gonghui.Hosting.Triggers;
using Gonghui.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gonghui.Hosting.Tests;

public sealed class DevelopmentKeysTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Outside_Development_the_DevKeys_settings_create_no_key()
    {
        var app = new TestApp(azurite.Server);
        var builder = app.CreateInProcessBuilder();
        Assert.False(builder.Environment.IsDevelopment());
        await using var host = builder.Build();
        await host.StartAsync();

        using var client = new HttpClient { BaseAddress = new Uri(host.Urls.Single()) };
        client.DefaultRequestHeaders.Add(ApiKeyAuthorizer.HeaderName, app.Keys[ApiRoles.Admin]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/admin/keys")).StatusCode);
        Assert.Null(await host.Services.GetRequiredService<ApiKeyStore>().FindBySecretAsync(app.Keys[ApiRoles.Admin]));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_revoked_development_key_stays_revoked_when_seeded_again()
    {
        var store = new ApiKeyStore(azurite.Server.CreateTableServiceClient(), TimeProvider.System);
        var secret = "dev-secret-" + Guid.NewGuid().ToString("N");
        var seeded = await store.SeedAsync(secret, "development operator", ApiRoles.Operator);
        await store.RevokeAsync(seeded.Id);

        var again = await store.SeedAsync(secret, "development operator", ApiRoles.Operator);

        Assert.Equal(seeded.Id, again.Id);
        Assert.NotNull((await store.FindBySecretAsync(secret))!.RevokedAt);
    }
}
