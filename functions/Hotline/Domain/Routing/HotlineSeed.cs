namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// Default regions, units and routing rules that fill an empty store: 济南市 and seven of its
/// districts (GB/T 2260 codes). Legal aid goes to a district's own legal-aid centre where it has
/// one (历城区, 章丘区), else to the city's; everything else goes to the district union.
/// E-mail addresses use the reserved .example domain until admins enter real ones.
/// </summary>
public static class HotlineSeed
{
    private const string City = "370100";
    private static readonly string[] DistrictsWithLegalAidCentre = ["370112", "370114"];

    public static IReadOnlyList<Region> Regions { get; } =
    [
        new(City, "济南市", null),
        new("370102", "历下区", City),
        new("370103", "市中区", City),
        new("370104", "槐荫区", City),
        new("370105", "天桥区", City),
        new("370112", "历城区", City),
        new("370113", "长清区", City),
        new("370114", "章丘区", City),
    ];

    public static IReadOnlyList<HandlingUnit> Units { get; } =
    [
        .. Regions.Select(region => new HandlingUnit(
            UnionId(region.Code),
            region.Code == City ? "济南市总工会" : $"{region.Name}总工会",
            region.Code == City ? HandlingUnitKind.CityUnion : HandlingUnitKind.DistrictUnion,
            region.Code,
            $"union.{region.Code}@gonghui.example",
            $"supervisor.{region.Code}@gonghui.example")),
        .. Regions.Where(region => region.Code == City || DistrictsWithLegalAidCentre.Contains(region.Code))
            .Select(region => new HandlingUnit(
                LegalAidId(region.Code),
                region.Code == City ? "济南市总工会职工法律援助中心" : $"{region.Name}总工会职工法律援助中心",
                HandlingUnitKind.LegalAidCentre,
                region.Code,
                $"legal-aid.{region.Code}@gonghui.example",
                $"legal-aid-supervisor.{region.Code}@gonghui.example")),
    ];

    public static IReadOnlyList<RoutingRule> Rules { get; } =
    [
        .. Regions.Select(region => new RoutingRule(region.Code, null, UnionId(region.Code))),
        .. Regions.Select(region => new RoutingRule(
            region.Code,
            TicketCategory.LegalAid,
            LegalAidId(region.Code == City || DistrictsWithLegalAidCentre.Contains(region.Code) ? region.Code : City))),
    ];

    public static RegionTable RegionTable() => new(Regions);

    public static RoutingTable RoutingTable() => new(RegionTable(), Units, Rules);

    private static string UnionId(string regionCode) => $"{regionCode}-union";

    private static string LegalAidId(string regionCode) => $"{regionCode}-legal-aid";
}
