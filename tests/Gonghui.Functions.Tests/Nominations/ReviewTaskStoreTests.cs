using Azure.Data.Tables;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Testing;
using static Gonghui.Functions.Tests.Nominations.NominationSamples;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>Review task rows on Azurite: enums stored by their names (AppJson, WireNames), never as numbers, and read back.</summary>
public sealed class ReviewTaskStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_closed_task_is_stored_with_named_status_and_conclusion_and_reads_back()
    {
        var tables = azurite.Server.CreateTableServiceClient();
        var store = new ReviewTaskStore(tables);
        var taskId = AzuriteServer.UniqueName("task");
        await store.OpenAsync("camp", "nom-1", taskId, [new IssuedLinkRecord("nonce-1", "reviewer-1", During)]);
        await store.CloseAsync(taskId, new ApprovalTaskConclusion(ApprovalTaskConclusionKind.Withdrawn, "工会干事", null, During.AddHours(1)));

        var row = (await tables.GetTableClient(ReviewTaskStore.TableName).GetEntityAsync<TableEntity>(taskId, "")).Value;
        Assert.Equal("closed", row.GetString("Status"));
        Assert.Contains("\"kind\":\"withdrawn\"", row.GetString("Conclusion"));
        Assert.Contains("工会干事", row.GetString("Conclusion"));

        var read = (await store.GetAsync(taskId))!;
        Assert.Equal(ApprovalTaskStatus.Closed, read.Snapshot.Status);
        Assert.Equal(ApprovalTaskConclusionKind.Withdrawn, read.Snapshot.Conclusion!.Kind);
        Assert.Equal("nonce-1", Assert.Single(read.Snapshot.IssuedLinks).Nonce);
    }
}
