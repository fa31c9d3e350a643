using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Import;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Registry;

public sealed class RegistryCsvReaderTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    [Fact]
    public void A_gb18030_file_and_a_utf8_file_with_bom_read_the_same()
    {
        var text = RegistryCsv.Text(RegistryCsv.Row("欧阳淑珍", RegistrySamples.NationalId(new DateOnly(1966, 2, 3), Gender.Female), "370102"));
        var gb = ImportEncoding.Decode(RegistryCsv.Gb18030(text));
        Assert.Equal(text, gb);
        Assert.NotEqual(RegistryCsv.Utf8(text, bom: false), RegistryCsv.Gb18030(text));
        Assert.Equal(text, ImportEncoding.Decode(RegistryCsv.Utf8(text, bom: true)));
        var read = RegistryCsvReader.Read(RegistryCsv.Gb18030(text), AwardCatalog.Default, Today);
        Assert.Empty(read.Errors);
        Assert.Equal("欧阳淑珍", read.Rows.Single().Person.Name);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_spreadsheet_row_column_and_code()
    {
        var id = RegistrySamples.NationalId(new DateOnly(1970, 1, 1));
        var text = RegistryCsv.Text(
            RegistryCsv.Row("张三", id, "370102"),
            RegistryCsv.Row("李四", id[..17] + (id[17] == '1' ? '2' : '1'), "370102"),
            ",,,,,,,,,,,,,,",
            RegistryCsv.Row("王五", RegistrySamples.NationalId(new DateOnly(1971, 1, 1)), "370102", award: "优秀员工", year: "二〇一五"),
            RegistryCsv.Row("赵六", RegistrySamples.NationalId(new DateOnly(1972, 1, 1)), "370102", status: "撤销"));
        var read = RegistryCsvReader.Read(RegistryCsv.Utf8(text, bom: false), AwardCatalog.Default, Today);
        Assert.Equal(4, read.RowCount);
        Assert.Equal("张三", read.Rows.Single().Person.Name);
        Assert.Equal(
        [
            new ImportError(3, ImportColumns.NationalId, "registry.national_id_check_digit"),
            new ImportError(5, ImportColumns.Award, RegistryErrorCodes.UnknownAward),
            new ImportError(5, ImportColumns.AwardYear, RegistryErrorCodes.YearOutOfRange),
            new ImportError(6, ImportColumns.StatusReason, RegistryErrorCodes.Required),
            new ImportError(6, ImportColumns.StatusDate, RegistryErrorCodes.Required),
        ], read.Errors);
    }

    [Fact]
    public void A_file_without_a_required_column_is_refused_naming_the_column()
    {
        var text = "姓名,身份证号,荣誉称号,获得年份,授予机关,获奖时工作单位,现工作单位\r\n张三,1,2,3,4,5,6\r\n";
        var read = RegistryCsvReader.Read(RegistryCsv.Utf8(text, bom: true), AwardCatalog.Default, Today);
        Assert.Equal([new ImportError(1, ImportColumns.Region, RegistryErrorCodes.ImportColumnMissing)], read.Errors);
        Assert.Empty(read.Rows);
    }

    [Fact]
    public void The_template_in_docs_reads_without_errors()
    {
        var template = File.ReadAllBytes(Path.Combine(Testing.RepositoryRoot.Path, "docs", "registry-import-template.csv"));
        var read = RegistryCsvReader.Read(template, AwardCatalog.Default, Today);
        Assert.Empty(read.Errors);
        Assert.Equal(3, read.Rows.Count);
    }

    [Fact]
    public void The_model_worker_subsidy_always_ends_at_the_province()
    {
        var program = ReliefProgramDefaults.All.Single(p => p.Code == ReliefProgramDefaults.ModelWorkerSubsidy);
        Assert.True(program.RequiresModelWorkerRegistry);
        Assert.Equal([ApprovalLevel.District, ApprovalLevel.City, ApprovalLevel.Province], program.ApprovalBands.Single().Levels);
        Assert.Null(program.ApprovalBands.Single().UpTo);
    }
}
