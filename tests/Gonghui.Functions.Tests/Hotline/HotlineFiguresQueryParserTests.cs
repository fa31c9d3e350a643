using Gonghui.Functions.Hotline.Domain;

namespace Gonghui.Functions.Tests.Hotline;

public sealed class HotlineFiguresQueryParserTests
{
    private static readonly HotlineFiguresQueryParser Parser = new(HotlineSeed.RegionTable(), HotlineSeed.RoutingTable());

    [Fact]
    public void Parses_a_full_query()
    {
        var (query, errors) = Parser.Parse("2026-01-01", "2026-03-31", "370102", "legal_aid", "370100-legal-aid", "month");
        Assert.Empty(errors);
        Assert.Equal(
            new HotlineFiguresQuery(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), "370102", TicketCategory.LegalAid, "370100-legal-aid", FigureGroupBy.Month),
            query);
        Assert.Equal(new HotlineFiguresQuery(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1)), Parser.Parse("2026-01-01", "2026-01-01", "", null, null, null).Query);
    }

    [Theory]
    [InlineData(null, "2026-01-01", null, null, null, null, "required")]
    [InlineData("2026-1-1", "2026-01-01", null, null, null, null, "invalid")]
    [InlineData("2026-02-30", "2026-03-01", null, null, null, null, "invalid")]
    [InlineData("2026-03-01", "2026-02-01", null, null, null, null, "before_from")]
    [InlineData("2000-01-01", "2026-02-01", null, null, null, null, "period_too_long")]
    [InlineData("2026-01-01", "2026-02-01", "' or 1 eq 1", null, null, null, "unknown")]
    [InlineData("2026-01-01", "2026-02-01", null, "LegalAid", null, null, "unknown")]
    [InlineData("2026-01-01", "2026-02-01", null, null, "x' or PartitionKey ne '", null, "unknown")]
    [InlineData("2026-01-01", "2026-02-01", null, null, null, "week", "unknown")]
    public void Bad_values_are_field_errors(string? from, string? to, string? region, string? category, string? unit, string? groupBy, string code)
    {
        var (query, errors) = Parser.Parse(from, to, region, category, unit, groupBy);
        Assert.Null(query);
        Assert.Equal(code, Assert.Single(errors).Code);
    }
}
