using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Stores;
using Gonghui.Functions.Tests.Relief.Functions;

namespace Gonghui.Functions.Tests.Relief.Stores;

/// <summary>
/// What an instance remembers between workflow steps, with two store instances standing for two app instances on one
/// storage account: application rows (<see cref="ApplicationStore.GetForStepAsync"/>) and approver lookups.
/// </summary>
[Collection(ReliefAppCollection.Name)]
public sealed class RememberedRowsTests(ReliefApp relief)
{
    private const string Region = "110114";

    [Fact]
    public async Task A_save_against_a_remembered_row_another_instance_changed_neither_fails_nor_turns_the_state_back()
    {
        await relief.PrepareRegionAsync(Region, "100000.00");
        var id = await relief.SubmitAsync(ReliefApp.Request(Region, person: 21));
        await relief.WaitForApplicationAsync(id, a => ReliefApp.HasStatus(a, "awaiting_decision"));
        var here = new ApplicationStore(relief.Tables);
        var elsewhere = new ApplicationStore(relief.Tables);
        var remembered = (await here.GetForStepAsync(id))!;
        var state = remembered.State!;

        await elsewhere.SaveStateAsync(state, 1000, await elsewhere.GetAsync(id));
        await here.SaveStateAsync(state, 999, remembered);
        Assert.Equal(1000, (await elsewhere.GetAsync(id))!.Sequence);

        await here.SaveStateAsync(state, 1001, remembered);
        Assert.Equal(1001, (await elsewhere.GetAsync(id))!.Sequence);
        var afterSave = (await here.GetForStepAsync(id))!;
        Assert.Equal(1001, afterSave.Sequence);
        Assert.Equal(remembered.Details, afterSave.Details);
    }

    [Fact]
    public async Task Approvers_changed_through_this_instance_apply_at_once_and_a_missing_entry_is_not_remembered()
    {
        var region = "99" + Random.Shared.Next(1000, 9999);
        var here = new ReliefDirectory(relief.Tables);
        var elsewhere = new ReliefDirectory(relief.Tables);
        LevelApprovers Approvers(string id) => new(new Approver(id, "审批人", $"{id}@example.cn"), new Approver(id + "-d", "副职", $"{id}-d@example.cn"));

        Assert.Null(await here.FindApproversAsync(ApprovalLevel.District, region));
        await elsewhere.SetApproversAsync(ApprovalLevel.District, region, Approvers("first"));
        Assert.Equal("first", (await here.FindApproversAsync(ApprovalLevel.District, region))!.Approver.Id);

        await elsewhere.SetApproversAsync(ApprovalLevel.District, region, Approvers("second"));
        Assert.Equal("first", (await here.FindApproversAsync(ApprovalLevel.District, region))!.Approver.Id);

        await here.SetApproversAsync(ApprovalLevel.District, region, Approvers("third"));
        Assert.Equal("third", (await here.FindApproversAsync(ApprovalLevel.District, region))!.Approver.Id);
    }
}
