using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>
/// A decision raised before the orchestration waits for it is not lost. The app mails through a relay that holds SMTP,
/// so the activity that opens the task (saved state, task row, then the approver's mail) cannot finish: the
/// orchestration has not taken its result, and so has not begun to wait, when the approver decides. The custom status,
/// which the orchestration sets only when it takes that result, shows it.
/// </summary>
[Collection(ReliefAppCollection.Name)]
public sealed class ReliefEarlyDecisionTests(ReliefApp relief)
{
    private const string Region = "110119";

    [Fact]
    public async Task A_decision_made_while_the_task_opening_activity_still_runs_is_taken_when_the_orchestration_waits()
    {
        await relief.PrepareRegionAsync(Region, "100000.00");
        await using var relay = new HeldSmtpRelay(relief.Maildev.SmtpPort);
        await relief.RestartAsync(extra: new Dictionary<string, string?> { ["Gonghui:Smtp:Port"] = relay.Port.ToString() });
        try
        {
            var applicationId = await relief.SubmitAsync(ReliefApp.Request(Region, person: 71, amount: "4000.00"));
            var district = ReliefApp.ApproverFor(ApprovalLevel.District, Region, deputy: false);
            // The saved state shows the open task before the activity mails the approver.
            await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "awaiting_decision"));
            using (var approver = relief.Client(ReliefApp.ApproverKey(district.Id)))
            using (var decided = await approver.PostAsJsonAsync($"api/approvals/{ApprovalTask.IdFor(applicationId, 0, 1)}/decision",
                new { decision = "approve", comment = "即时审批" }))
                Assert.True(decided.StatusCode == HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());

            using var admin = relief.Client(ReliefApp.AdminKey);

            using var management = relief.Management();
            var beforeWait = await DurableInstances.GetAsync(management, applicationId);
            Assert.True(beforeWait is { } instance && (!instance.TryGetProperty("customStatus", out var custom) || custom.ValueKind == JsonValueKind.Null),
                $"The orchestration took the task-opening activity's result before the decision was raised (the held mail gave up?): {beforeWait}");

            relay.Open();
            await relief.WaitForApprovalMailAsync(applicationId, district.Email);
            var paid = await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "paid"), TimeSpan.FromSeconds(60));
            Assert.Equal(["即时审批"], paid.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("comment").GetString()));
            await PaymentExport.AssertOneLineEachAsync(admin, [paid]);
            await DurableInstances.WaitForStatusAsync(management, applicationId, "Completed", TimeSpan.FromSeconds(60));
        }
        finally
        {
            // The other tests of the collection read their mail from maildev.
            await relief.RestartAsync();
        }
    }
}
