using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>
/// Terminate and purge of a relief orchestration through the Durable Functions-shaped management API: refused to
/// any key but the local host's master key (app keys included: the instance runs on), done with it as Durable Functions answers them.
/// </summary>
[Collection(ReliefAppCollection.Name)]
public sealed class DurableManagementCommandsTests(ReliefApp relief)
{
    private const string Region = "110120";

    [Fact]
    public async Task Only_an_admin_terminates_and_purges_a_waiting_relief_orchestration()
    {
        await relief.PrepareRegionAsync(Region, "50000.00");
        var applicationId = await relief.SubmitAsync(ReliefApp.Request(Region, person: 81));
        var district = ReliefApp.ApproverFor(ApprovalLevel.District, Region, deputy: false);
        await relief.WaitForApprovalMailAsync(applicationId, district.Email);
        var instance = $"{DurableInstances.Path}/{applicationId}";

        using (var anonymous = relief.Client(null))
        {
            using var terminate = await anonymous.PostAsync($"{instance}/terminate?reason=test", null);
            Assert.Equal(HttpStatusCode.Unauthorized, terminate.StatusCode);
            using var purge = await anonymous.DeleteAsync(instance);
            Assert.Equal(HttpStatusCode.Unauthorized, purge.StatusCode);
        }
        foreach (var key in new[] { ReliefApp.OperatorKey, ReliefApp.ApproverKey(district.Id) })
        {
            using var notAdmin = relief.Client(key);
            using var terminate = await notAdmin.PostAsync($"{instance}/terminate?reason=test", null);
            Assert.Equal(HttpStatusCode.Unauthorized, terminate.StatusCode);
            using var purge = await notAdmin.DeleteAsync(instance);
            Assert.Equal(HttpStatusCode.Unauthorized, purge.StatusCode);
        }

        using var management = relief.Management();
        Assert.Equal("Running", DurableInstances.RuntimeStatus(await DurableInstances.GetAsync(management, applicationId)));
        using (var terminated = await management.PostAsync($"{instance}/terminate?reason={Uri.EscapeDataString("测试终止")}", null))
            Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);
        await DurableInstances.WaitForStatusAsync(management, applicationId, "Terminated", TimeSpan.FromSeconds(60));
        using (var again = await management.PostAsync($"{instance}/terminate", null))
            Assert.Equal(HttpStatusCode.Gone, again.StatusCode);

        using (var purged = await management.DeleteAsync(instance))
        {
            Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
            Assert.Equal(1, (await purged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32());
        }
        Assert.Null(await DurableInstances.GetAsync(management, applicationId));
        using (var purgedAgain = await management.DeleteAsync(instance))
            Assert.Equal(HttpStatusCode.NotFound, purgedAgain.StatusCode);
        var listed = await management.GetFromJsonAsync<JsonElement>($"{DurableInstances.Path}?instanceIdPrefix={applicationId}");
        Assert.DoesNotContain(listed.EnumerateArray(), i => i.GetProperty("instanceId").GetString() == applicationId);
    }
}
