using System.Text;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Import;
using Gonghui.Functions.Registry.Services;
using Gonghui.Functions.Registry.Stores;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Registry;

public sealed class RegistryImportExportTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly RegistryTestBed _bed = new(azurite.Server);

    [Fact]
    public async Task A_file_with_bad_rows_reports_every_one_and_writes_nothing_dry_run_or_not()
    {
        var good = RegistrySamples.NationalId(new DateOnly(1960, 6, 1));
        var bad = RegistrySamples.NationalId(new DateOnly(1961, 6, 1));
        var text = RegistryCsv.Text(
            RegistryCsv.Row("张三", good, _bed.District),
            RegistryCsv.Row("李四", bad[..16], _bed.District),
            RegistryCsv.Row("王五", RegistrySamples.NationalId(new DateOnly(1962, 6, 1)), RegistrySamples.District("650000", 1).Replace("65", "64")),
            RegistryCsv.Row("张三", good, _bed.District, year: "2016"),
            RegistryCsv.Row("赵六", RegistrySamples.NationalId(new DateOnly(1963, 6, 1)), _bed.District, phone: "12345"));
        List<ImportError> expected =
        [
            new(3, ImportColumns.NationalId, "registry.national_id_length"),
            new(4, ImportColumns.Region, RegistryErrorCodes.OutOfScope),
            new(5, ImportColumns.Award, RegistryErrorCodes.ImportDuplicateRow),
            new(6, ImportColumns.Phone, RegistryErrorCodes.InvalidPhone),
        ];
        foreach (var dryRun in new[] { true, false })
        {
            var report = await _bed.ImportAsync(_bed.DistrictStaff, RegistryCsv.Utf8(text, bom: false), dryRun);
            Assert.False(report.Written);
            Assert.Equal(5, report.Rows);
            Assert.Equal(expected, report.Errors);
        }
        Assert.Empty(await _bed.SearchAllAsync(_bed.Admin, new RegistrySearchQuery { Region = _bed.City }));
    }

    [Fact]
    public async Task Gb18030_and_utf8_bom_files_import_and_the_same_file_twice_changes_nothing()
    {
        var first = RegistrySamples.NationalId(new DateOnly(1958, 1, 20));
        var second = RegistrySamples.NationalId(new DateOnly(1980, 7, 7), Gender.Female);
        var text = RegistryCsv.Text(
            RegistryCsv.Row("欧阳建国", first, _bed.District),
            RegistryCsv.Row("欧阳建国", first, _bed.District, award: "省劳动模范", year: "2008"),
            RegistryCsv.Row("司马秀英", second, _bed.District, award: "工匠", year: "2021"));
        var file = RegistryCsv.Gb18030(text);

        var dryRun = await _bed.ImportAsync(_bed.DistrictStaff, file, dryRun: true);
        AssertCounts((false, 3, 2, 2, 0, 0), dryRun);
        Assert.Empty(await _bed.SearchAllAsync(_bed.DistrictStaff, new RegistrySearchQuery()));

        AssertCounts((true, 3, 2, 2, 0, 0), await _bed.ImportAsync(_bed.DistrictStaff, file, dryRun: false));
        var records = await _bed.SearchAllAsync(_bed.DistrictStaff, new RegistrySearchQuery());
        Assert.Equal(["司马秀英", "欧阳建国"], records.Select(r => r.Name));
        Assert.Equal(["national_model_worker", "provincial_model_worker"], records[1].Awards.Select(a => a.Kind));
        Assert.Equal(Gender.Female, records[0].Gender);

        var sameInUtf8 = await _bed.ImportAsync(_bed.DistrictStaff, RegistryCsv.Utf8(text, bom: true), dryRun: false);
        AssertCounts((true, 3, 2, 0, 0, 2), sameInUtf8);
        AssertCounts((true, 3, 2, 0, 0, 2), await _bed.ImportAsync(_bed.DistrictStaff, file, dryRun: false));
        var after = await _bed.SearchAllAsync(_bed.DistrictStaff, new RegistrySearchQuery());
        Assert.Equal(records, after, new SummaryComparer());
        foreach (var record in after)
            Assert.Single((await _bed.Service.GetAsync(_bed.DistrictStaff, record.RecordId, None)).Value!.History);
    }

    [Fact]
    public async Task A_row_matching_a_record_by_national_id_and_award_updates_it_with_history()
    {
        var id = RegistrySamples.NationalId(new DateOnly(1965, 3, 3));
        await _bed.ImportAsync(_bed.DistrictStaff, RegistryCsv.Utf8(RegistryCsv.Text(RegistryCsv.Row("孙立平", id, _bed.District)), bom: true), dryRun: false);
        var changed = RegistryCsv.Text(
            RegistryCsv.Row("孙立平", id, _bed.District, year: "2016", employer: "山东重工集团"),
            RegistryCsv.Row("孙立平", id, _bed.District, award: "工匠", year: "2022", employer: "山东重工集团"));
        var report = await _bed.ImportAsync(_bed.DistrictStaff, RegistryCsv.Utf8(changed, bom: true), dryRun: false, name: "2026年复核.csv");
        AssertCounts((true, 2, 1, 0, 1, 0), report);

        var record = (await _bed.SearchAllAsync(_bed.DistrictStaff, new RegistrySearchQuery { Name = "孙立平" })).Single();
        var got = (await _bed.Service.GetAsync(_bed.DistrictStaff, record.RecordId, None)).Value!;
        Assert.Equal([("national_model_worker", 2016), ("craftsman", 2022)], got.Record.Awards.Select(a => (a.Kind, a.Year)));
        var update = got.History[^1];
        Assert.Equal((2, RegistryAction.Updated, "导入文件 2026年复核.csv"), (update.Sequence, update.Action, update.Reason));
        Assert.Equal(["awards[national_model_worker]", "awards[craftsman]", "currentEmployer"], update.Changes.Select(c => c.Field));
    }

    [Fact]
    public async Task A_row_that_revokes_an_existing_record_needs_a_reason_like_any_status_change()
    {
        var id = RegistrySamples.NationalId(new DateOnly(1955, 9, 9));
        await _bed.ImportAsync(_bed.DistrictStaff, RegistryCsv.Utf8(RegistryCsv.Text(RegistryCsv.Row("周正", id, _bed.District)), bom: false), dryRun: false);
        var withoutReason = RegistryCsv.Text(RegistryCsv.Row("周正", id, _bed.District, status: "已故", statusDate: "2026-02-01"));
        var refused = await _bed.ImportAsync(_bed.DistrictStaff, RegistryCsv.Utf8(withoutReason, bom: false), dryRun: false);
        Assert.Equal([new ImportError(2, ImportColumns.StatusReason, RegistryErrorCodes.Required)], refused.Errors);
        var withReason = RegistryCsv.Text(RegistryCsv.Row("周正", id, _bed.District, status: "已故", statusDate: "2026-02-01", statusReason: "病故"));
        Assert.Equal(1, (await _bed.ImportAsync(_bed.DistrictStaff, RegistryCsv.Utf8(withReason, bom: false), dryRun: false)).Updated);
        Assert.Equal(RecordStatus.Deceased, await _bed.Lookup.StatusOfAsync(id, None));
    }

    [Fact]
    public async Task An_export_is_utf8_with_bom_and_masks_ids_unless_an_admin_reveals_them_on_the_record()
    {
        var id = RegistrySamples.NationalId(new DateOnly(1977, 4, 4));
        var created = await _bed.CreateAsync(RegistrySamples.Person(_bed.District, name: "=HYPERLINK(\"x\")", nationalId: id));

        var masked = new MemoryStream();
        var staffExport = await _bed.Service.ExportAsync(_bed.DistrictStaff, new RegistrySearchQuery(), revealIds: false, "export-1", masked, None);
        Assert.Equal(new ExportSummary(1, false), staffExport.Value);
        var bytes = masked.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith(string.Join(",", ImportColumns.All), text);
        Assert.Contains(NationalId.Mask(id), text);
        Assert.DoesNotContain(id, text);
        Assert.Contains("138****5678", text);
        Assert.Contains("'=HYPERLINK", text);
        Assert.Equal(RegistryOutcome.OutOfScope,
            (await _bed.Service.ExportAsync(_bed.DistrictStaff, new RegistrySearchQuery(), revealIds: true, "export-2", new MemoryStream(), None)).Outcome);
        Assert.Empty((await _bed.Service.GetAsync(_bed.Admin, created.Id, None)).Value!.Reveals);

        var full = new MemoryStream();
        await _bed.Service.ExportAsync(_bed.Admin, new RegistrySearchQuery { Region = _bed.City }, revealIds: true, "export-3", full, None);
        Assert.Contains(id, Encoding.UTF8.GetString(full.ToArray()));
        var reveal = Assert.Single((await _bed.Service.GetAsync(_bed.Admin, created.Id, None)).Value!.Reveals);
        Assert.Equal(("export-3", "key-admin", RevealAuditStore.Export), (reveal.RevealId, reveal.ActorId, reveal.Purpose));
    }

    [Fact]
    public async Task Model_worker_subsidy_eligibility_follows_the_registry_record()
    {
        var active = RegistrySamples.NationalId(new DateOnly(1960, 1, 1));
        var revoked = RegistrySamples.NationalId(new DateOnly(1961, 1, 1));
        await _bed.CreateAsync(RegistrySamples.Person(_bed.District, nationalId: active));
        var toRevoke = await _bed.CreateAsync(RegistrySamples.Person(_bed.District, name: "钱多", nationalId: revoked));
        await _bed.Service.ChangeStatusAsync(_bed.DistrictStaff, toRevoke.Id, toRevoke.ETag, new StatusChangeInput("revoked", "2026-03-01", "撤销称号"), None);

        async Task<string?> RefusalFor(string nationalId)
        {
            var status = await _bed.Lookup.StatusOfAsync(nationalId, None);
            var standing = status switch
            {
                null => ModelWorkerStanding.NotRegistered,
                RecordStatus.Active => ModelWorkerStanding.Active,
                RecordStatus.Revoked => ModelWorkerStanding.Revoked,
                _ => ModelWorkerStanding.Deceased,
            };
            var program = ReliefProgramDefaults.All.Single(p => p.Code == ReliefProgramDefaults.ModelWorkerSubsidy);
            var details = Relief.Domain.ReliefSamples.Details(programCode: program.Code, amount: "8000.00") is var d
                ? d with { Applicant = d.Applicant with { NationalId = nationalId } }
                : null;
            return EligibilityRules.Evaluate(new EligibilityInput(program, details!, [], Functions.Money.Yuan.Zero, standing)).Refusal?.Code;
        }

        Assert.Null(await RefusalFor(active));
        Assert.Equal(EligibilityRules.ModelWorkerRecordRevoked, await RefusalFor(revoked));
        Assert.Equal(EligibilityRules.NotInModelWorkerRegistry, await RefusalFor(RegistrySamples.NationalId(new DateOnly(1962, 1, 1))));
    }

    /// <summary>The report's counts (written, rows, people, created, updated, unchanged), and no errors.</summary>
    private static void AssertCounts((bool, int, int, int, int, int) expected, ImportReport report)
    {
        Assert.Empty(report.Errors);
        Assert.Equal(expected, (report.Written, report.Rows, report.People, report.Created, report.Updated, report.Unchanged));
    }

    private sealed class SummaryComparer : IEqualityComparer<RegistrySummary>
    {
        public bool Equals(RegistrySummary? x, RegistrySummary? y) =>
            x is not null && y is not null && x with { Awards = [] } == y with { Awards = [] } && x.Awards.SequenceEqual(y.Awards);

        public int GetHashCode(RegistrySummary obj) => obj.RecordId.GetHashCode();
    }
}
