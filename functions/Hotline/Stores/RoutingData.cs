using Gonghui.Functions.Hotline.Domain;

namespace Gonghui.Functions.Hotline.Stores;

/// <summary>The routing table as admins edit it: regions, handling units and rules (GET/PUT /api/hotline/routing).</summary>
public sealed record RoutingData(IReadOnlyList<Region> Regions, IReadOnlyList<HandlingUnit> Units, IReadOnlyList<RoutingRule> Rules)
{
    public static RoutingData Seed { get; } = new(HotlineSeed.Regions, HotlineSeed.Units, HotlineSeed.Rules);
}
