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
}
