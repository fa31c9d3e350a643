using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Functions;

[Collection(ReliefAppCollection.Name)]
public sealed class ReliefReturnAndWithdrawTests(ReliefApp relief)
{
    private const string Region = "110107";

    [Fact]
    public async Task Returned_application_is_resubmitted_to_the_same_level_then_withdrawn_releasing_the_budget_and_superseding_the_link()
    {
        await relief.PrepareRegionAsync(Region, "100000.00");
        var applicationId = await relief.SubmitAsync(ReliefApp.Request(Region, person: 41));
        var district = ReliefApp.ApproverFor(ApprovalLevel.District, Region, deputy: false);
        var first = ReliefApp.TokenIn(await relief.WaitForApprovalMailAsync(applicationId, district.Email));
        using var anonymous = relief.Client(null);
        var page = await anonymous.GetStringAsync($"api/approvals/{first}");
        using (var returned = await relief.PostDecisionFormAsync(first, ReliefApp.FormTokenIn(page), "return", "请补充收入证明"))
            Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        var atUnit = await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "returned"));
        Assert.Contains("请补充收入证明", atUnit.GetProperty("sentence").GetString());
        await relief.Maildev.WaitForEmailAsync(e => e.Subject?.Contains($"{applicationId} 被退回补充材料", StringComparison.Ordinal) == true);

        using var staff = relief.Client(ReliefApp.OperatorKey);
        using (var resubmitted = await staff.PostAsJsonAsync($"api/relief/applications/{applicationId}/resubmit", new { comment = "已补充收入证明" }))
            Assert.Equal(HttpStatusCode.Accepted, resubmitted.StatusCode);
        var again = await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "awaiting_decision")
            && a.GetProperty("history").EnumerateArray().Any(h => h.GetProperty("taskId").GetString() == ApprovalTask.IdFor(applicationId, 0, 2)));
        Assert.Equal(1, again.GetProperty("levelNumber").GetInt32());
        var second = ReliefApp.TokenIn(await relief.Maildev.WaitForEmailAsync(e => e.Subject?.Contains(applicationId, StringComparison.Ordinal) == true
            && e.Subject.Contains("待审批", StringComparison.Ordinal) && ReliefApp.TokenIn(e) != first));

        using (var withdrawn = await staff.PostAsJsonAsync($"api/relief/applications/{applicationId}/withdraw", new { comment = "申请人已获其他救助" }))
            Assert.Equal(HttpStatusCode.Accepted, withdrawn.StatusCode);
        await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "withdrawn"));
        using (var superseded = await anonymous.GetAsync($"api/approvals/{second}"))
        {
            Assert.Equal(HttpStatusCode.Conflict, superseded.StatusCode);
            Assert.Contains("撤回", await superseded.Content.ReadAsStringAsync());
        }
        using (var twice = await staff.PostAsJsonAsync($"api/relief/applications/{applicationId}/withdraw", new { }))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
            Assert.Equal("relief.cannot_withdraw", (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        // The state is saved before the step's effects run; the unit is told after the reservation is released.
        await relief.Maildev.WaitForEmailAsync(e => e.Subject?.Contains($"{applicationId} 已撤回", StringComparison.Ordinal) == true);
        using var admin = relief.Client(ReliefApp.AdminKey);
        var budget = await admin.GetFromJsonAsync<JsonElement>($"api/relief/budgets/hardship/{Region}/{ChinaStandardTime.ToLocalDate(DateTimeOffset.UtcNow).Year}");
        Assert.Equal("0.00", budget.GetProperty("reserved").GetString());
        Assert.Equal("0.00", budget.GetProperty("spent").GetString());
    }
}
