using System.Net;
using System.Text.Json;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.ReliefService;

/// <summary>The durable management API of the real app: admin keys only, and it shows the relief orchestrations.</summary>
[Collection(ReliefAppCollection.Name)]
public sealed class DurableManagementApiTests(ReliefApp relief)
{
    [Fact]
    public async Task Only_an_admin_key_reads_the_durable_management_api()
    {
        await relief.PrepareRegionAsync("110108", "50000.00");
        var applicationId = await relief.SubmitAsync(ReliefApp.Request("110108", person: 41));
        var path = $"runtime/webhooks/durabletask/instances/{applicationId}";

        using (var anonymous = relief.Client(null))
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        using (var operatorClient = relief.Client(ReliefApp.OperatorKey))
            Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync(path)).StatusCode);

        using var admin = relief.Client(ReliefApp.AdminKey);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage response;
        while ((response = await admin.GetAsync(path)).StatusCode == HttpStatusCode.NotFound && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode); // still waiting for the district approver
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(applicationId, status.RootElement.GetProperty("instanceId").GetString());
        Assert.Equal("ReliefApproval", status.RootElement.GetProperty("name").GetString());
        Assert.Equal("Running", status.RootElement.GetProperty("runtimeStatus").GetString());
    }
}
