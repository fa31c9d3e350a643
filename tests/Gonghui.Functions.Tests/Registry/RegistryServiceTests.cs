using Gonghui.Functions.Privacy;
using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Services;
using Gonghui.Functions.Registry.Stores;
using Gonghui.Functions.Validation;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Registry;

public sealed class RegistryServiceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly RegistryTestBed _bed = new(azurite.Server);

    [Fact]
    public async Task A_created_record_reads_back_masked_with_its_history_and_creating_it_again_makes_no_second()
    {
        var input = RegistrySamples.Person(_bed.District);
        var created = await _bed.CreateAsync(input);
        Assert.StartsWith(RegistryRecordId.Prefix, created.Id);
        Assert.Equal(1, created.Version);

        var got = await _bed.Service.GetAsync(_bed.CityStaff, created.Id, None);
        Assert.Equal(RegistryOutcome.Ok, got.Outcome);
        Assert.Equal(NationalId.Mask(input.NationalId), got.Value!.Record.MaskedNationalId);
        Assert.Equal(created.ETag, got.Value.Record.ETag);
        var entry = Assert.Single(got.Value.History);
        Assert.Equal((1, RegistryAction.Created, "key-district", "区总工会 劳模干事"), (entry.Sequence, entry.Action, entry.ActorId, entry.ActorName));
        Assert.Contains(entry.Changes, c => c.Field == "awards[national_model_worker]" && c.After!.StartsWith("2015"));
        Assert.DoesNotContain(entry.Changes, c => c.After == input.NationalId);

        var again = await _bed.Service.CreateAsync(_bed.DistrictStaff, input, None);
        Assert.Equal(RegistryOutcome.Ok, again.Outcome);
        Assert.Equal(created.Id, again.Value!.Id);
        var other = await _bed.Service.CreateAsync(_bed.DistrictStaff, input with { Name = "王建民" }, None);
        Assert.Equal(RegistryOutcome.AlreadyRegistered, other.Outcome);
        Assert.Equal(RegistryErrorCodes.AlreadyRegistered, other.Code);
        Assert.Single((await _bed.Service.GetAsync(_bed.Admin, created.Id, None)).Value!.History);
    }

    [Fact]
    public async Task An_update_with_a_stale_etag_fails_and_one_with_the_current_etag_writes_history()
    {
        var input = RegistrySamples.Person(_bed.District);
        var created = await _bed.CreateAsync(input);
        var moved = input with { CurrentEmployer = "山东省总工会", JobTitle = "劳模工作室负责人" };
        var first = await _bed.Service.UpdateAsync(_bed.DistrictStaff, created.Id, created.ETag, moved, "调动", None);
        Assert.Equal(RegistryOutcome.Ok, first.Outcome);
        Assert.Equal(2, first.Value!.Version);
        Assert.NotEqual(created.ETag, first.Value.ETag);

        var stale = await _bed.Service.UpdateAsync(_bed.DistrictStaff, created.Id, created.ETag, moved with { JobTitle = "工会主席" }, null, None);
        Assert.Equal(RegistryOutcome.Stale, stale.Outcome);
        Assert.Equal(RegistryErrorCodes.Changed, stale.Code);

        // The first update retried with its old ETag changes nothing and answers the record as it is.
        var retried = await _bed.Service.UpdateAsync(_bed.DistrictStaff, created.Id, created.ETag, moved, "调动", None);
        Assert.Equal((RegistryOutcome.Ok, 2), (retried.Outcome, retried.Value!.Version));

        var history = (await _bed.Service.GetAsync(_bed.DistrictStaff, created.Id, None)).Value!.History;
        Assert.Equal([RegistryAction.Created, RegistryAction.Updated], history.Select(h => h.Action));
        Assert.Equal(
        [
            new FieldChange("currentEmployer", "济南二机床集团有限公司", "山东省总工会"),
            new FieldChange("jobTitle", "高级技师", "劳模工作室负责人"),
        ], history[1].Changes);
        Assert.Equal("调动", history[1].Reason);

        var changedId = await _bed.Service.UpdateAsync(_bed.DistrictStaff, created.Id, first.Value.ETag,
            moved with { NationalId = RegistrySamples.NationalId(new DateOnly(1968, 5, 12)) }, null, None);
        Assert.Equal([new FieldError("nationalId", RegistryErrorCodes.NationalIdChanged)], changedId.Errors);
    }

    [Fact]
    public async Task A_status_change_needs_its_reason_and_keeps_history_and_a_retry_writes_nothing()
    {
        var input = RegistrySamples.Person(_bed.District);
        var created = await _bed.CreateAsync(input);
        Assert.Equal(RecordStatus.Active, await _bed.Lookup.StatusOfAsync(input.NationalId!, None));
        var noReason = await _bed.Service.ChangeStatusAsync(_bed.DistrictStaff, created.Id, created.ETag, new StatusChangeInput("revoked", "2026-10-01", null), None);
        Assert.Equal([new FieldError("reason", RegistryErrorCodes.Required)], noReason.Errors);

        var revoke = new StatusChangeInput("revoked", "2026-10-01", "严重违纪，撤销称号");
        var revoked = await _bed.Service.ChangeStatusAsync(_bed.DistrictStaff, created.Id, created.ETag, revoke, None);
        Assert.Equal(RegistryOutcome.Ok, revoked.Outcome);
        Assert.Equal(new RecordStanding(RecordStatus.Revoked, new DateOnly(2026, 10, 1), "严重违纪，撤销称号"), revoked.Value!.Standing);
        var retried = await _bed.Service.ChangeStatusAsync(_bed.DistrictStaff, created.Id, created.ETag, revoke, None);
        Assert.Equal((RegistryOutcome.Ok, 2), (retried.Outcome, retried.Value!.Version));

        var history = (await _bed.Service.GetAsync(_bed.DistrictStaff, created.Id, None)).Value!.History;
        Assert.Equal(2, history.Count);
        Assert.Equal(RegistryAction.StatusChanged, history[1].Action);
        Assert.Equal("严重违纪，撤销称号", history[1].Reason);
        Assert.Contains(new FieldChange("status", "active", "revoked"), history[1].Changes);
        Assert.Equal(RecordStatus.Revoked, await _bed.Lookup.StatusOfAsync(input.NationalId!, None));
    }

    [Fact]
    public async Task A_reveal_is_recorded_once_per_reveal_id_and_refused_outside_the_callers_region()
    {
        var input = RegistrySamples.Person(_bed.District);
        var created = await _bed.CreateAsync(input);
        var refused = await _bed.Service.RevealAsync(_bed.OtherDistrictStaff, created.Id, "reveal-0", None);
        Assert.Equal(RegistryOutcome.OutOfScope, refused.Outcome);

        var shown = await _bed.Service.RevealAsync(_bed.CityStaff, created.Id, "reveal-1", None);
        Assert.Equal(input.NationalId, shown.Value!.NationalId);
        await _bed.Service.RevealAsync(_bed.CityStaff, created.Id, "reveal-1", None);
        await _bed.Service.RevealAsync(_bed.Admin, created.Id, "reveal-2", None);

        var reveals = (await _bed.Service.GetAsync(_bed.DistrictStaff, created.Id, None)).Value!.Reveals;
        Assert.Equal([("reveal-1", "key-city", RevealAuditStore.SingleReveal), ("reveal-2", "key-admin", RevealAuditStore.SingleReveal)],
            reveals.Select(r => (r.RevealId, r.ActorId, r.Purpose)));
    }

    [Fact]
    public async Task Staff_cannot_read_change_search_or_create_another_regions_records()
    {
        var created = await _bed.CreateAsync(RegistrySamples.Person(_bed.District));
        var other = _bed.OtherDistrictStaff;
        Assert.Equal(RegistryOutcome.OutOfScope, (await _bed.Service.GetAsync(other, created.Id, None)).Outcome);
        Assert.Equal(RegistryOutcome.OutOfScope,
            (await _bed.Service.UpdateAsync(other, created.Id, created.ETag, RegistrySamples.Person(_bed.District), null, None)).Outcome);
        Assert.Equal(RegistryOutcome.OutOfScope,
            (await _bed.Service.ChangeStatusAsync(other, created.Id, null, new StatusChangeInput("deceased", "2026-01-01", "病故"), None)).Outcome);
        Assert.Equal(RegistryOutcome.OutOfScope, (await _bed.Service.SearchAsync(other, new RegistrySearchQuery { Region = _bed.District }, None)).Outcome);
        Assert.Empty(await _bed.SearchAllAsync(other, new RegistrySearchQuery()));
        Assert.Equal(RegistryOutcome.OutOfScope, (await _bed.Service.CreateAsync(other, RegistrySamples.Person(_bed.District), None)).Outcome);
        Assert.Equal(RegistryOutcome.NotFound, (await _bed.Service.GetAsync(_bed.Admin, "mw-" + new string('0', 32), None)).Outcome);

        Assert.Equal([created.Id], (await _bed.SearchAllAsync(_bed.CityStaff, new RegistrySearchQuery())).Select(s => s.RecordId));
    }

    [Fact]
    public async Task Search_filters_by_name_prefix_award_year_and_status_and_pages_in_a_stable_order()
    {
        string[] names = ["王芳", "王建国", "王建华", "张伟", "李娜"];
        var ids = new Dictionary<string, string>();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            var input = RegistrySamples.Person(RegistrySamples.District(_bed.City, 1 + i % 2), name: name,
                award: i % 2 == 0 ? "全国劳动模范" : "工匠", year: (2015 + i).ToString());
            ids[name] = (await _bed.Service.CreateAsync(_bed.CityStaff, input, None)).Value!.Id;
        }
        var revoked = await _bed.Service.ChangeStatusAsync(_bed.CityStaff, ids["张伟"], null, new StatusChangeInput("撤销", "2026-01-05", "撤销称号"), None);
        Assert.True(revoked.Succeeded);

        var everyone = await _bed.SearchAllAsync(_bed.CityStaff, new RegistrySearchQuery { PageSize = 2 });
        // Region first, then name in code-point order: district 01 holds 王芳, 王建华, 李娜 (i = 0, 2, 4), district 02 王建国, 张伟.
        var expected = names.Where((_, i) => i % 2 == 0).OrderBy(n => n, StringComparer.Ordinal)
            .Concat(names.Where((_, i) => i % 2 == 1).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(expected, everyone.Select(s => s.Name));
        Assert.All(everyone, s => Assert.Contains("********", s.MaskedNationalId));

        Assert.Equal(["王建华", "王建国"], (await _bed.SearchAllAsync(_bed.CityStaff, new RegistrySearchQuery { Name = "王建", NameMatch = NameMatch.Prefix }))
            .Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["王芳"], (await _bed.SearchAllAsync(_bed.CityStaff, new RegistrySearchQuery { Name = "王芳" })).Select(s => s.Name));
        Assert.Empty(await _bed.SearchAllAsync(_bed.CityStaff, new RegistrySearchQuery { Name = "王" }));
        Assert.Equal(["张伟", "王建国"], (await _bed.SearchAllAsync(_bed.CityStaff, new RegistrySearchQuery { Award = "craftsman" })).Select(s => s.Name));
        Assert.Equal(["张伟"], (await _bed.SearchAllAsync(_bed.CityStaff, new RegistrySearchQuery { Award = "craftsman", Year = 2018 })).Select(s => s.Name));
        Assert.Empty(await _bed.SearchAllAsync(_bed.CityStaff, new RegistrySearchQuery { Award = "craftsman", Year = 2017 }));
        Assert.Equal(["王建华"], (await _bed.SearchAllAsync(_bed.CityStaff, new RegistrySearchQuery { Year = 2017 })).Select(s => s.Name));
        Assert.Equal(["张伟"], (await _bed.SearchAllAsync(_bed.Admin, new RegistrySearchQuery { Region = _bed.City, Status = RecordStatus.Revoked }))
            .Select(s => s.Name));
        Assert.Equal(["李娜", "王建华", "王芳"], (await _bed.SearchAllAsync(_bed.DistrictStaff, new RegistrySearchQuery { Status = RecordStatus.Active }))
            .Select(s => s.Name));
    }
}
