using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>
/// A return for more information at the second level and the resubmission that follows: the application comes back
/// to the level that returned it (not to the district again), is approved there, and is paid once from the
/// reservation it kept while returned.
/// </summary>
[Collection(ReliefAppCollection.Name)]
public sealed class ReliefResubmissionTests(ReliefApp relief)
{
    private const string Region = "110118";

    [Fact]
    public async Task Returned_by_the_city_resubmitted_comes_back_to_the_city_and_is_paid_once()
    {
        await relief.PrepareRegionAsync(Region, "100000.00");
        var applicationId = await relief.SubmitAsync(ReliefApp.Request(Region, person: 61, amount: "9000.00"));
        var district = ReliefApp.ApproverFor(ApprovalLevel.District, Region, deputy: false);
        var city = ReliefApp.ApproverFor(ApprovalLevel.City, Region, deputy: false);

        await relief.WaitForApprovalMailAsync(applicationId, district.Email);
        await DecideAsync(district.Id, ApprovalTask.IdFor(applicationId, 0, 1), "approve", "同意");
        await relief.WaitForApprovalMailAsync(applicationId, city.Email);
        await DecideAsync(city.Id, ApprovalTask.IdFor(applicationId, 1, 1), "return", "请补充医院费用清单");

        var returned = await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "returned"));
        Assert.Contains("请补充医院费用清单", returned.GetProperty("sentence").GetString());
        using var admin = relief.Client(ReliefApp.AdminKey);
        using var management = relief.Management();
        Assert.Equal("9000.00", (await BudgetAsync(admin)).GetProperty("reserved").GetString());

        using (var staff = relief.Client(ReliefApp.OperatorKey))
        using (var resubmitted = await staff.PostAsJsonAsync($"api/relief/applications/{applicationId}/resubmit", new { comment = "已补充费用清单" }))
            Assert.Equal(HttpStatusCode.Accepted, resubmitted.StatusCode);
        var secondRound = ApprovalTask.IdFor(applicationId, 1, 2);
        var again = await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "awaiting_decision")
            && a.GetProperty("history").EnumerateArray().Any(h => h.TryGetProperty("taskId", out var task) && task.GetString() == secondRound));
        Assert.Equal(2, again.GetProperty("levelNumber").GetInt32());
        Assert.Equal(city.Id, again.GetProperty("waitingOn")[0].GetProperty("id").GetString());
        await DecideAsync(city.Id, secondRound, "approve", "材料已齐，同意");

        var paid = await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "paid"));
        Assert.Equal([district.Id, city.Id, city.Id], paid.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("actorId").GetString()));
        await PaymentExport.AssertOneLineEachAsync(admin, [paid]);
        var budget = await BudgetAsync(admin);
        Assert.Equal("9000.00", budget.GetProperty("spent").GetString());
        Assert.Equal("0.00", budget.GetProperty("reserved").GetString());
        await DurableInstances.WaitForStatusAsync(management, applicationId, "Completed", TimeSpan.FromSeconds(60));
    }

    private async Task DecideAsync(string approverId, string taskId, string decision, string comment)
    {
        using var approver = relief.Client(ReliefApp.ApproverKey(approverId));
        using var decided = await approver.PostAsJsonAsync($"api/approvals/{taskId}/decision", new { decision, comment });
        Assert.True(decided.StatusCode == HttpStatusCode.OK, $"{taskId} {decision}: {await decided.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonElement> BudgetAsync(HttpClient admin) =>
        await admin.GetFromJsonAsync<JsonElement>($"api/relief/budgets/hardship/{Region}/{ChinaStandardTime.ToLocalDate(DateTimeOffset.UtcNow).Year}");
}
