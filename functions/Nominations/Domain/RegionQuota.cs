namespace Gonghui.Functions.Nominations.Domain;

/// <summary>
/// How many nominations the union of <paramref name="RegionCode"/> may forward (a county or city) or select (the
/// province): the province gives each city its places, a city each county.
/// </summary>
public sealed record RegionQuota(ReviewLevel Level, string RegionCode, int Places);
