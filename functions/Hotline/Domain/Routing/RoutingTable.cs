using System.Collections.Frozen;

namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// Which unit handles a (region, category). Lookup walks from the ticket's region up through its
/// parents; at each level a rule for the exact category wins over the region's catch-all rule.
/// </summary>
public sealed class RoutingTable
{
    private readonly RegionTable _regions;
    private readonly FrozenDictionary<string, HandlingUnit> _units;
    private readonly FrozenDictionary<(string Region, TicketCategory? Category), RoutingRule> _rules;

    public RoutingTable(RegionTable regions, IEnumerable<HandlingUnit> units, IEnumerable<RoutingRule> rules)
    {
        _regions = regions;
        _units = units.ToFrozenDictionary(unit => unit.Id, StringComparer.Ordinal);
        var ruleList = rules.ToList();
        if (ruleList.GroupBy(rule => (rule.RegionCode, rule.Category)).Any(group => group.Count() > 1))
        {
            throw new ArgumentException("At most one rule per region and category.", nameof(rules));
        }

        if (ruleList.Any(rule => !_units.ContainsKey(rule.UnitId) || regions.Find(rule.RegionCode) is null))
        {
            throw new ArgumentException("Every rule names a known unit and region.", nameof(rules));
        }

        _rules = ruleList.ToFrozenDictionary(rule => (rule.RegionCode, rule.Category));
        Rules = ruleList;
    }

    public IReadOnlyCollection<HandlingUnit> Units => _units.Values;

    public IReadOnlyList<RoutingRule> Rules { get; }

    public HandlingUnit? FindUnit(string? unitId) =>
        unitId is not null && _units.TryGetValue(unitId, out var unit) ? unit : null;

    /// <summary>The unit for a ticket, or null when no rule covers the region (the caller answers routing.no_rule).</summary>
    public RoutingDecision? Route(string regionCode, TicketCategory category)
    {
        foreach (var region in _regions.SelfAndAncestors(regionCode))
        {
            if (_rules.TryGetValue((region.Code, category), out var rule) || _rules.TryGetValue((region.Code, null), out rule))
            {
                return new RoutingDecision(_units[rule.UnitId], rule);
            }
        }

        return null;
    }
}
