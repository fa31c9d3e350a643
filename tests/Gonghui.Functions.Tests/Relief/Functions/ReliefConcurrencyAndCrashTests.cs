using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Gonghui.Functions.Approvals;
using Gonghui.Testing;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Stores;

namespace Gonghui.Functions.Tests.Relief.Functions;

[Collection(ReliefAppCollection.Name)]
public sealed class ReliefConcurrencyAndCrashTests(ReliefApp relief)
{
    [Fact]
    public async Task Fifty_applications_for_a_budget_that_fits_ten_exactly_ten_reserved_and_paid()
    {
        const string region = "110104";
        await relief.PrepareRegionAsync(region, "10000.00");
        var ids = await Task.WhenAll(Enumerable.Range(100, 50).Select(person => relief.SubmitAsync(ReliefApp.Request(region, person, "1000.00"))));

        var settled = await Task.WhenAll(ids.Select(id => relief.WaitForApplicationAsync(id,
            a => ReliefApp.HasStatus(a, "awaiting_decision") || ReliefApp.HasStatus(a, "refused"), TimeSpan.FromSeconds(90))));
        var waiting = settled.Where(a => ReliefApp.HasStatus(a, "awaiting_decision")).Select(a => a.GetProperty("applicationId").GetString()!).ToList();
        Assert.Equal(10, waiting.Count);
        Assert.All(settled.Where(a => ReliefApp.HasStatus(a, "refused")),
            a => Assert.Equal(ReliefApprovalWorkflow.BudgetExhausted, a.GetProperty("refusal").GetProperty("code").GetString()));

        var district = ReliefApp.ApproverFor(ApprovalLevel.District, region, deputy: false);
        using var approver = relief.Client(ReliefApp.ApproverKey(district.Id));
        foreach (var id in waiting)
        {
            using var decided = await approver.PostAsJsonAsync($"api/approvals/{ApprovalTask.IdFor(id, 0, 1)}/decision", new { decision = "approve" });
            Assert.True(decided.StatusCode == HttpStatusCode.OK, $"{id}: {await decided.Content.ReadAsStringAsync()}");
        }
        await Task.WhenAll(waiting.Select(id => relief.WaitForApplicationAsync(id, a => ReliefApp.HasStatus(a, "paid"), TimeSpan.FromSeconds(60))));

        var budget = await BudgetAsync(region);
        Assert.Equal("10000.00", budget.GetProperty("spent").GetString());
        Assert.Equal("0.00", budget.GetProperty("reserved").GetString());
        Assert.Equal(10, await PaymentRowsAsync(ids));
    }

    [Fact]
    public async Task App_killed_during_payment_and_restarted_makes_one_payment_instruction()
    {
        const string region = "110106";
        await relief.PrepareRegionAsync(region, "100000.00");
        await relief.RestartAsync(extra: new Dictionary<string, string?> { ["Gonghui:Relief:FaultInjection:HangAfterPaymentStored"] = "true" });
        var hangs = true;
        try
        {
            var applicationId = await relief.SubmitAsync(ReliefApp.Request(region, person: 31, amount: "3000.00"));
            await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "awaiting_decision"));
            var district = ReliefApp.ApproverFor(ApprovalLevel.District, region, deputy: false);
            using (var approver = relief.Client(ReliefApp.ApproverKey(district.Id)))
            using (var decided = await approver.PostAsJsonAsync($"api/approvals/{ApprovalTask.IdFor(applicationId, 0, 1)}/decision", new { decision = "approve" }))
                Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
            await relief.App.WaitForOutputAsync($"Payment instruction {applicationId} stored; hanging", TimeSpan.FromSeconds(30));

            await relief.RestartAsync();
            hangs = false;

            var paid = await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "paid"), TimeSpan.FromSeconds(60));
            Assert.Equal(applicationId, paid.GetProperty("payment").GetProperty("paymentId").GetString());
            Assert.Equal(1, await PaymentRowsAsync([applicationId]));
            var budget = await BudgetAsync(region);
            Assert.Equal("3000.00", budget.GetProperty("spent").GetString());
            Assert.Equal("0.00", budget.GetProperty("reserved").GetString());
            using var admin = relief.Client(ReliefApp.AdminKey);
            var csv = await admin.GetStringAsync($"api/relief/payments/export?date={paid.GetProperty("payment").GetProperty("instructedOn").GetString()}");
            Assert.Single(csv.Split('\n'), line => line.StartsWith(applicationId + ",", StringComparison.Ordinal));
        }
        finally
        {
            // The other tests of the collection need an app that pays.
            if (hangs) await relief.RestartAsync();
        }
    }

    private async Task<JsonElement> BudgetAsync(string region)
    {
        using var admin = relief.Client(ReliefApp.AdminKey);
        return await admin.GetFromJsonAsync<JsonElement>($"api/relief/budgets/hardship/{region}/{ChinaStandardTime.ToLocalDate(DateTimeOffset.UtcNow).Year}");
    }

    private async Task<int> PaymentRowsAsync(IEnumerable<string> applicationIds)
    {
        var table = relief.Tables.GetTableClient(PaymentStore.TableName);
        var count = 0;
        foreach (var id in applicationIds)
            count += (await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")).ToListAsync()).Count;
        return count;
    }
}
