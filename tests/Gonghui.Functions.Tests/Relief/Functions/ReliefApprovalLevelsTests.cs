using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>
/// The approval chain by amount, run to the payment by the real app: up to 5,000 the district alone, up to 20,000 the
/// district then the city, above that district, city and province (hardship allows deep hardship up to 30,000). Each
/// level is mailed only once the level below approved, and the orchestration completes with one payment.
/// </summary>
[Collection(ReliefAppCollection.Name)]
public sealed class ReliefApprovalLevelsTests(ReliefApp relief)
{
    [Fact]
    public Task Five_thousand_is_approved_by_the_district_alone() =>
        ApprovedAndPaidThroughAsync("110115", person: 51, "5000.00", [ApprovalLevel.District]);

    [Fact]
    public Task Twenty_thousand_is_approved_by_the_district_then_the_city() =>
        ApprovedAndPaidThroughAsync("110116", person: 52, "20000.00", [ApprovalLevel.District, ApprovalLevel.City]);

    [Fact]
    public async Task Above_twenty_thousand_climbs_to_the_province_and_the_finished_orchestration_holds_no_national_id_or_phone()
    {
        const string region = "110117";
        const int person = 53;
        var applicationId = await ApprovedAndPaidThroughAsync(region, person, "20000.01",
            [ApprovalLevel.District, ApprovalLevel.City, ApprovalLevel.Province]);

        using var admin = relief.Client(ReliefApp.AdminKey);

        using var management = relief.Management();
        using var response = await management.GetAsync($"{DurableInstances.Path}/{applicationId}?showInput=true&showHistory=true&showHistoryOutput=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.Content.ReadAsStringAsync();
        Assert.Contains(applicationId, shown);
        Assert.DoesNotContain(ReliefApp.NationalIdFor(region, person), shown);
        Assert.DoesNotContain(ReliefApp.PhoneFor(person), shown);
    }

    private async Task<string> ApprovedAndPaidThroughAsync(string region, int person, string amount, ApprovalLevel[] levels)
    {
        await relief.PrepareRegionAsync(region, "100000.00");
        var applicationId = await relief.SubmitAsync(ReliefApp.Request(region, person, amount));

        for (var index = 0; index < levels.Length; index++)
        {
            var approver = ReliefApp.ApproverFor(levels[index], region, deputy: false);
            await relief.WaitForApprovalMailAsync(applicationId, approver.Email);
            var waiting = await relief.GetApplicationAsync(applicationId);
            Assert.Equal("awaiting_decision", waiting.GetProperty("status").GetString());
            Assert.Equal(index + 1, waiting.GetProperty("levelNumber").GetInt32());
            Assert.Equal(levels.Length, waiting.GetProperty("levelCount").GetInt32());
            Assert.Equal(approver.Id, waiting.GetProperty("waitingOn")[0].GetProperty("id").GetString());
            using var approverApi = relief.Client(ReliefApp.ApproverKey(approver.Id));
            using var decided = await approverApi.PostAsJsonAsync($"api/approvals/{ApprovalTask.IdFor(applicationId, index, 1)}/decision",
                new { decision = "approve", comment = $"{levels[index].ChineseName()}同意" });
            Assert.True(decided.StatusCode == HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
        }

        var paid = await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "paid"));
        Assert.Equal(amount, paid.GetProperty("payment").GetProperty("amount").GetString());
        Assert.Equal(levels.Select(level => ReliefApp.ApproverFor(level, region, deputy: false).Id),
            paid.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("actorId").GetString()));
        using var admin = relief.Client(ReliefApp.AdminKey);
        using var management = relief.Management();
        await PaymentExport.AssertOneLineEachAsync(admin, [paid]);
        await DurableInstances.WaitForStatusAsync(management, applicationId, "Completed", TimeSpan.FromSeconds(60));
        return applicationId;
    }
}
