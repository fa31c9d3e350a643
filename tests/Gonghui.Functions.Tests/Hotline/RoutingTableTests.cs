using Gonghui.Functions.Hotline.Domain;

namespace Gonghui.Functions.Tests.Hotline;

public sealed class RoutingTableTests
{
    private static readonly RoutingTable Table = HotlineSeed.RoutingTable();

    [Theory]
    [InlineData("370102", TicketCategory.LegalAid, "370100-legal-aid")]   // no centre of its own: the city's
    [InlineData("370112", TicketCategory.LegalAid, "370112-legal-aid")]   // 历城区 has its own
    [InlineData("370114", TicketCategory.LegalAid, "370114-legal-aid")]
    [InlineData("370100", TicketCategory.LegalAid, "370100-legal-aid")]
    [InlineData("370102", TicketCategory.Rights, "370102-union")]
    [InlineData("370112", TicketCategory.Hardship, "370112-union")]
    [InlineData("370103", TicketCategory.Complaint, "370103-union")]
    [InlineData("370100", TicketCategory.Suggestion, "370100-union")]
    public void Seeded_routes(string region, TicketCategory category, string unitId)
    {
        var decision = Table.Route(region, category);
        Assert.NotNull(decision);
        Assert.Equal(unitId, decision.Unit.Id);
        Assert.EndsWith("@gonghui.example", decision.Unit.SupervisorEmail);
    }

    [Fact]
    public void Every_seeded_region_and_category_has_a_unit()
    {
        foreach (var region in HotlineSeed.Regions)
        {
            foreach (var category in Enum.GetValues<TicketCategory>())
            {
                Assert.NotNull(Table.Route(region.Code, category));
            }
        }
    }

    [Fact]
    public void A_district_without_its_own_rule_falls_back_to_its_city()
    {
        var regions = new RegionTable([new Region("370100", "济南市", null), new Region("370113", "长清区", "370100")]);
        var unit = new HandlingUnit("city", "济南市总工会", HandlingUnitKind.CityUnion, "370100", "u@gonghui.example", "s@gonghui.example");
        var table = new RoutingTable(regions, [unit], [new RoutingRule("370100", null, "city")]);
        Assert.Equal("city", table.Route("370113", TicketCategory.Rights)?.Unit.Id);
        Assert.Null(table.Route("999999", TicketCategory.Rights));
    }

    [Fact]
    public void Inconsistent_tables_are_refused()
    {
        var regions = HotlineSeed.RegionTable();
        Assert.Throws<ArgumentException>(() => new RoutingTable(regions, HotlineSeed.Units, [new RoutingRule("370102", null, "nowhere")]));
        Assert.Throws<ArgumentException>(() => new RoutingTable(
            regions, HotlineSeed.Units, [new RoutingRule("370102", null, "370102-union"), new RoutingRule("370102", null, "370100-union")]));
        Assert.Throws<ArgumentException>(() => new RegionTable([new Region("1", "x", null)]));
        Assert.Throws<ArgumentException>(() => new RegionTable([new Region("370100", "a", "370102"), new Region("370102", "b", "370100")]));
    }
}
