using Gonghui.Functions.Money;
using Gonghui.Testing;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Stores;

namespace Gonghui.Functions.Tests.Relief.Stores;

/// <summary>The budget store under real concurrency on Azurite: the balance's ETag lets exactly as many reservations through as fit.</summary>
public sealed class BudgetStoreRaceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Fifty_racing_reservations_for_a_budget_that_fits_ten_reserve_exactly_ten_and_repeats_change_nothing()
    {
        var store = new BudgetStore(azurite.Server.CreateTableServiceClient());
        var key = new BudgetKey("hardship", Random.Shared.Next(100000, 999999).ToString(), 2026);
        await store.SetBudgetAsync(key, Yuan.FromWholeYuan(10_000));
        var amount = Yuan.FromWholeYuan(1_000);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => Task.Run(() => store.ReserveAsync(key, $"rel-{i}.1", amount))));

        var winners = Enumerable.Range(1, 50).Where(i => outcomes[i - 1] == BudgetOutcome.Applied).ToList();
        Assert.Equal(10, winners.Count);
        Assert.Equal(40, outcomes.Count(o => o == BudgetOutcome.InsufficientFunds));
        var balance = (await store.GetAsync(key))!;
        Assert.Equal(Yuan.FromWholeYuan(10_000), balance.Reserved);
        Assert.Equal(Yuan.Zero, balance.Available);

        // A rerun of a winner's reservation finds its hold; spending and a repeated spend count once.
        var repeats = await Task.WhenAll(winners.Select(i => store.ReserveAsync(key, $"rel-{i}.1", amount)));
        Assert.All(repeats, o => Assert.Equal(BudgetOutcome.AlreadyApplied, o));
        await Task.WhenAll(winners.Concat(winners).Select(i => Task.Run(() => store.SpendAsync(key, $"rel-{i}.1"))));
        balance = (await store.GetAsync(key))!;
        Assert.Equal(Yuan.Zero, balance.Reserved);
        Assert.Equal(Yuan.FromWholeYuan(10_000), balance.Spent);
        Assert.Equal(BudgetOutcome.Conflict, await store.ReleaseAsync(key, $"rel-{winners[0]}.1"));
    }

    [Fact]
    public async Task Reservations_racing_through_three_instances_reserve_exactly_what_fits()
    {
        // Each store stands for an app instance: it takes turns only with itself and remembers only its own writes.
        var stores = Enumerable.Range(0, 3).Select(_ => new BudgetStore(azurite.Server.CreateTableServiceClient())).ToArray();
        var key = new BudgetKey("hardship", Random.Shared.Next(100000, 999999).ToString(), 2026);
        await stores[0].SetBudgetAsync(key, Yuan.FromWholeYuan(10_000));
        var amount = Yuan.FromWholeYuan(1_000);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 50).Select(i =>
            Task.Run(() => stores[i % stores.Length].ReserveAsync(key, $"rel-{i}.1", amount))));

        Assert.Equal(10, outcomes.Count(o => o == BudgetOutcome.Applied));
        Assert.Equal(40, outcomes.Count(o => o == BudgetOutcome.InsufficientFunds));
        Assert.Equal(Yuan.FromWholeYuan(10_000), (await stores[0].GetAsync(key))!.Reserved);
        // A winner's reservation repeated through another instance finds its hold there.
        var winner = Array.FindIndex(outcomes, o => o == BudgetOutcome.Applied) + 1;
        Assert.Equal(BudgetOutcome.AlreadyApplied, await stores[(winner + 1) % stores.Length].ReserveAsync(key, $"rel-{winner}.1", amount));
    }

    [Fact]
    public async Task A_budget_raised_through_another_instance_is_not_refused_from_what_this_one_remembers()
    {
        var first = new BudgetStore(azurite.Server.CreateTableServiceClient());
        var second = new BudgetStore(azurite.Server.CreateTableServiceClient());
        var key = new BudgetKey("hardship", Random.Shared.Next(100000, 999999).ToString(), 2026);
        await first.SetBudgetAsync(key, Yuan.FromWholeYuan(1_000));
        Assert.Equal(BudgetOutcome.Applied, await first.ReserveAsync(key, "rel-1.1", Yuan.FromWholeYuan(1_000)));

        // The first instance remembers a full budget; the second raises it.
        Assert.True((await second.SetBudgetAsync(key, Yuan.FromWholeYuan(2_000))).IsValid);

        Assert.Equal(BudgetOutcome.Applied, await first.ReserveAsync(key, "rel-2.1", Yuan.FromWholeYuan(1_000)));
        Assert.Equal(BudgetOutcome.Applied, await first.ReleaseAsync(key, "rel-1.1"));
        Assert.Equal(BudgetOutcome.Applied, await second.ReserveAsync(key, "rel-3.1", Yuan.FromWholeYuan(1_000)));
        var balance = (await second.GetAsync(key))!;
        Assert.Equal(Yuan.FromWholeYuan(2_000), balance.Reserved);
        Assert.Equal(Yuan.Zero, balance.Available);
    }
}
