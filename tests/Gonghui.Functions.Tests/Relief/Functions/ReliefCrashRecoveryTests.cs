using Gonghui.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>
/// The app process killed (Process.Kill, no shutdown) at the points an approval
/// must survive, then started again: every orchestration completes and the payment export lists each application
/// once. The kill inside the payment activity is <see cref="ReliefConcurrencyAndCrashTests"/>'.
/// </summary>
[Collection(ReliefAppCollection.Name)]
public sealed class ReliefCrashRecoveryTests(ReliefApp relief)
{
    [Fact]
    public async Task Killed_right_after_the_decisions_were_answered_every_application_is_paid_once()
    {
        const string region = "110121";
        await relief.PrepareRegionAsync(region, "100000.00");
        var oneLevel = await Task.WhenAll(Enumerable.Range(91, 4).Select(person => relief.SubmitAsync(ReliefApp.Request(region, person, "3000.00"))));
        var twoLevels = await relief.SubmitAsync(ReliefApp.Request(region, person: 95, amount: "8000.00"));
        string[] all = [.. oneLevel, twoLevels];
        await Task.WhenAll(all.Select(id => relief.WaitForApplicationAsync(id, a => ReliefApp.HasStatus(a, "awaiting_decision"), TimeSpan.FromSeconds(60))));

        var district = ReliefApp.ApproverFor(ApprovalLevel.District, region, deputy: false);
        await Task.WhenAll(all.Select(id => DecideAsync(district.Id, ApprovalTask.IdFor(id, 0, 1))));
        await relief.RestartAsync();

        var city = ReliefApp.ApproverFor(ApprovalLevel.City, region, deputy: false);
        await relief.WaitForApprovalMailAsync(twoLevels, city.Email);
        await DecideAsync(city.Id, ApprovalTask.IdFor(twoLevels, 1, 1));

        await AssertCompletedAndPaidOnceAsync(region, all, "20000.00");
    }

    [Fact]
    public async Task Killed_while_reminder_timers_are_pending_the_decisions_after_restart_complete_every_application()
    {
        const string region = "110122";
        await relief.PrepareRegionAsync(region, "100000.00");
        var atDistrict = await Task.WhenAll(Enumerable.Range(96, 2).Select(person => relief.SubmitAsync(ReliefApp.Request(region, person, "3000.00"))));
        var atCity = await relief.SubmitAsync(ReliefApp.Request(region, person: 98, amount: "8000.00"));
        var district = ReliefApp.ApproverFor(ApprovalLevel.District, region, deputy: false);
        var city = ReliefApp.ApproverFor(ApprovalLevel.City, region, deputy: false);
        await relief.WaitForApprovalMailAsync(atCity, district.Email);
        await DecideAsync(district.Id, ApprovalTask.IdFor(atCity, 0, 1));
        await relief.WaitForApprovalMailAsync(atCity, city.Email);
        string[] all = [.. atDistrict, atCity];
        await Task.WhenAll(atDistrict.Select(id => relief.WaitForApprovalMailAsync(id, district.Email)));

        // Each waits on its approver and on the timer of its next deadline (the reminder, working days away).
        using (var management = relief.Management())
        {
            foreach (var id in all)
            {
                var waiting = await Eventually.ReadAsync(() => DurableInstances.GetAsync(management, id, "?showHistory=true"),
                    instance => instance is { } found && DurableInstances.HasTimerFiringAfter(found, DateTimeOffset.UtcNow),
                    $"orchestration {id} to arm its reminder timer", TimeSpan.FromSeconds(60));
                Assert.Equal("Running", DurableInstances.RuntimeStatus(waiting));
            }
        }
        await relief.RestartAsync();

        using (var management = relief.Management())
        {
            foreach (var id in all)
                Assert.Equal("Running", DurableInstances.RuntimeStatus(await DurableInstances.GetAsync(management, id)));
        }
        await Task.WhenAll(atDistrict.Select(id => DecideAsync(district.Id, ApprovalTask.IdFor(id, 0, 1))));
        await DecideAsync(city.Id, ApprovalTask.IdFor(atCity, 1, 1));

        var paid = await AssertCompletedAndPaidOnceAsync(region, all, "14000.00");
        Assert.All(paid, application => Assert.DoesNotContain(application.GetProperty("history").EnumerateArray(),
            entry => entry.GetProperty("kind").GetString() is "reminded" or "escalated" or "expired"));
    }

    private async Task DecideAsync(string approverId, string taskId)
    {
        using var approver = relief.Client(ReliefApp.ApproverKey(approverId));
        using var decided = await approver.PostAsJsonAsync($"api/approvals/{taskId}/decision", new { decision = "approve" });
        Assert.True(decided.StatusCode == HttpStatusCode.OK, $"{taskId}: {await decided.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonElement[]> AssertCompletedAndPaidOnceAsync(string region, IReadOnlyList<string> applicationIds, string spent)
    {
        var paid = await Task.WhenAll(applicationIds.Select(id =>
            relief.WaitForApplicationAsync(id, a => ReliefApp.HasStatus(a, "paid"), TimeSpan.FromSeconds(120))));
        using var admin = relief.Client(ReliefApp.AdminKey);
        using var management = relief.Management();
        foreach (var id in applicationIds)
            await DurableInstances.WaitForStatusAsync(management, id, "Completed", TimeSpan.FromSeconds(60));
        await PaymentExport.AssertOneLineEachAsync(admin, paid);
        // Spending follows the payment instruction inside the same activity, before the state says "paid".
        var budget = await admin.GetFromJsonAsync<JsonElement>($"api/relief/budgets/hardship/{region}/{ChinaStandardTime.ToLocalDate(DateTimeOffset.UtcNow).Year}");
        Assert.Equal(spent, budget.GetProperty("spent").GetString());
        Assert.Equal("0.00", budget.GetProperty("reserved").GetString());
        return paid;
    }
}
