using Gonghui.Functions.Nominations.Domain.Notice;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>Objections on Azurite: filed with a reference, rate-limited per address and per contact, settled once.</summary>
public sealed class ObjectionStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset At = new(2026, 4, 21, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_address_and_a_contact_are_limited_and_a_repeat_files_nothing_new()
    {
        var store = new ObjectionStore(azurite.Server.CreateTableServiceClient());
        var campaignId = AzuriteServer.UniqueName("camp");
        var (address, limit) = (AzuriteServer.UniqueName("addr"), new ObjectionRateLimit(PerAddressPerHour: 3, PerContactPerDay: 2));

        var outcomes = new List<ObjectionFilingOutcome>();
        foreach (var (i, contact) in new[] { (1, "c1"), (2, "c1"), (3, "c1"), (4, "c2") })
            outcomes.Add(await store.FileAsync(Filed(campaignId, $"YY260421-AAAA{i:D2}", contact), address, contact + address, limit));

        Assert.Equal([ObjectionFilingOutcome.Filed, ObjectionFilingOutcome.Filed, ObjectionFilingOutcome.ContactLimited, ObjectionFilingOutcome.AddressLimited],
            outcomes);
        Assert.Equal(2, (await store.ListAsync(campaignId)).Count);
        Assert.Equal(ObjectionFilingOutcome.Duplicate,
            await store.FileAsync(Filed(campaignId, "YY260421-AAAA01", "c3"), AzuriteServer.UniqueName("addr"), "c3" + address, limit));
        // The next hour the address may file again.
        Assert.Equal(ObjectionFilingOutcome.Filed, await store.FileAsync(
            Filed(campaignId, "YY260421-AAAA05", "c4") with { FiledAt = At.AddHours(1) }, address, "c4" + address, limit));
    }

    [Fact]
    public async Task An_objection_is_settled_once_and_its_contact_is_masked_for_lists()
    {
        var store = new ObjectionStore(azurite.Server.CreateTableServiceClient());
        var campaignId = AzuriteServer.UniqueName("camp");
        await store.FileAsync(Filed(campaignId, "YY260421-BBBBBB", "13812345678"), AzuriteServer.UniqueName("addr"), AzuriteServer.UniqueName("c"),
            ObjectionRateLimit.Default);

        var upheld = await store.SettleAsync(campaignId, "YY260421-BBBBBB", upheld: true, "经核查属实。", "admin-1", "管理员", At.AddDays(1));
        var again = await store.SettleAsync(campaignId, "YY260421-BBBBBB", upheld: false, "驳回", "admin-2", "管理员二", At.AddDays(2));

        Assert.Equal((ObjectionStatus.Upheld, null), (upheld!.Value.Objection.Status, upheld.Value.Refusal));
        Assert.Equal(Objection.AlreadySettled, again!.Value.Refusal?.Code);
        var stored = (await store.GetAsync(campaignId, "YY260421-BBBBBB"))!;
        Assert.Equal((ObjectionStatus.Upheld, "admin-1", "138****5678"), (stored.Status, stored.SettledById, stored.MaskedContact));
        Assert.Null(await store.SettleAsync(campaignId, "YY260421-NOSUCH", upheld: true, "x", "admin-1", "管理员", At));
    }

    private static Objection Filed(string campaignId, string reference, string contact) => new()
    {
        Reference = reference, CampaignId = campaignId, NominationId = "nom-1", ObjectorName = "赵六", ObjectorContact = contact,
        Text = "该同志的事迹有夸大。", FiledAt = At,
    };
}
