using System.Net;
using System.Text.Json;
using Gonghui.Testing;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>The durable management API of the real app: the local host's master key only, and it shows the relief orchestrations.</summary>
[Collection(ReliefAppCollection.Name)]
public sealed class DurableManagementApiTests(ReliefApp relief)
{
    [Fact]
    public async Task Only_an_admin_key_reads_the_durable_management_api()
    {
        const string region = "110108";
        await relief.PrepareRegionAsync(region, "50000.00");
        var applicationId = await relief.SubmitAsync(ReliefApp.Request(region, person: 41));
        // Once the district approver is mailed the orchestration has started and waits on that decision.
        await relief.WaitForApprovalMailAsync(applicationId, ReliefApp.ApproverFor(ApprovalLevel.District, region, deputy: false).Email);
        var path = $"runtime/webhooks/durabletask/instances/{applicationId}";

        using (var anonymous = relief.Client(null))
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        using (var operatorClient = relief.Client(ReliefApp.OperatorKey))
            Assert.Equal(HttpStatusCode.Unauthorized, (await operatorClient.GetAsync(path)).StatusCode);

        using var management = relief.Management();
        var response = await management.GetAsync(path);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(applicationId, status.RootElement.GetProperty("instanceId").GetString());
        Assert.Equal("ReliefApproval", status.RootElement.GetProperty("name").GetString());
        Assert.Equal("Running", status.RootElement.GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task The_orchestration_as_the_management_api_shows_it_holds_no_national_id_or_phone()
    {
        const string region = "110105";
        const int person = 42;
        await relief.PrepareRegionAsync(region, "50000.00");
        var applicationId = await relief.SubmitAsync(ReliefApp.Request(region, person));
        await relief.WaitForApprovalMailAsync(applicationId, ReliefApp.ApproverFor(ApprovalLevel.District, region, deputy: false).Email);

        using var management = relief.Management();
        var instance = await WithCustomStatusAsync(management,
            $"runtime/webhooks/durabletask/instances/{applicationId}?showInput=true&showHistory=true&showHistoryOutput=true");
        var listed = await management.GetStringAsync($"runtime/webhooks/durabletask/instances?showInput=true&instanceIdPrefix={applicationId}");

        using var status = JsonDocument.Parse(instance);
        Assert.Equal(region, status.RootElement.GetProperty("input").GetProperty("regionCode").GetString());
        Assert.Contains("待", status.RootElement.GetProperty("customStatus").GetString());
        Assert.True(status.RootElement.GetProperty("historyEvents").GetArrayLength() > 3);
        Assert.Contains(applicationId, listed);
        foreach (var shown in new[] { instance, listed })
        {
            Assert.DoesNotContain(ReliefApp.NationalIdFor(region, person), shown);
            Assert.DoesNotContain(ReliefApp.PhoneFor(person), shown);
        }
    }

    /// <summary>
    /// The instance as the API shows it once it has a custom status: the approver's mail leaves from inside the
    /// activity, and the custom status is set only when the orchestration takes that activity's result.
    /// </summary>
    private static Task<string> WithCustomStatusAsync(HttpClient management, string path) =>
        Eventually.ReadAsync(() => management.GetStringAsync(path), instance =>
        {
            using var status = JsonDocument.Parse(instance);
            return status.RootElement.TryGetProperty("customStatus", out var custom) && custom.ValueKind == JsonValueKind.String;
        }, $"a custom status at {path}");
}
