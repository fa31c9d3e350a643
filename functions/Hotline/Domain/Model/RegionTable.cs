using System.Collections.Frozen;

namespace Gonghui.Functions.Hotline.Domain;

/// <summary>The regions tickets may name, held as data.</summary>
public sealed class RegionTable
{
    private readonly FrozenDictionary<string, Region> _regions;

    public RegionTable(IEnumerable<Region> regions)
    {
        _regions = regions.ToFrozenDictionary(region => region.Code, StringComparer.Ordinal);
        if (_regions.Values.Any(region => region.Code.Length != 6 || !region.Code.All(char.IsAsciiDigit)))
        {
            throw new ArgumentException("Region codes are six ASCII digits.", nameof(regions));
        }

        if (_regions.Values.Any(region => region.ParentCode is not null && !_regions.ContainsKey(region.ParentCode)))
        {
            throw new ArgumentException("Every parent region must be in the table.", nameof(regions));
        }

        if (_regions.Keys.Any(code => SelfAndAncestors(code).Skip(_regions.Count).Any()))
        {
            throw new ArgumentException("Region parents must not form a cycle.", nameof(regions));
        }
    }

    public IReadOnlyCollection<Region> All => _regions.Values;

    public Region? Find(string? code) => code is not null && _regions.TryGetValue(code, out var region) ? region : null;

    /// <summary>The region and its ancestors, nearest first.</summary>
    public IEnumerable<Region> SelfAndAncestors(string code)
    {
        for (var region = Find(code); region is not null; region = Find(region.ParentCode))
        {
            yield return region;
        }
    }
}
