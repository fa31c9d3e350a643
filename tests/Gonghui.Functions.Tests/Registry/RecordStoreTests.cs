using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Stores;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Registry;

public sealed class RecordStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Of_two_changes_made_from_the_same_read_one_wins_and_the_other_fails_distinctly_leaving_one_history_row()
    {
        var store = new RecordStore(azurite.Server.CreateTableServiceClient());
        var person = RegistryRecordValidator.Validate(RegistrySamples.Person("370102"), AwardCatalog.Default, new DateOnly(2026, 12, 6)).Value!;
        var hash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var now = DateTimeOffset.UtcNow;
        var record = new ModelWorkerRecord(RegistryRecordId.FromHash(hash), person, RecordStanding.Active, 1, now, now);
        RegistryHistoryEntry Entry(int sequence, string actor) => new(sequence, now, actor, actor, RegistryAction.Updated, [], null);

        var created = await store.CreateAsync(record, hash, Entry(1, "first"), None);
        Assert.NotNull(created);
        Assert.Null(await store.CreateAsync(record, hash, Entry(1, "again"), None));

        var one = record with { Person = person with { JobTitle = "车间主任" }, Version = 2 };
        var other = record with { Person = person with { JobTitle = "总工程师" }, Version = 2 };
        var won = await store.UpdateAsync(created!, one, hash, Entry(2, "one"), None);
        var lost = await Assert.ThrowsAsync<RecordConcurrencyException>(() => store.UpdateAsync(created!, other, hash, Entry(2, "other"), None));
        Assert.Equal(record.Id, lost.RecordId);

        var stored = await store.GetAsync(record.Id, None);
        Assert.Equal(("车间主任", won.ETag), (stored!.Record.Person.JobTitle, stored.ETag));
        Assert.Equal(["first", "one"], (await store.GetHistoryAsync(record.Id, None)).Select(h => h.ActorId));
    }
}
