namespace Gonghui.Functions.Nominations.Domain;

/// <summary>
/// A share of the list that must come from some occupation categories, held as data: "industrial workers ≥ 35 %"
/// is <c>new("产业工人", [IndustrialWorker], 35)</c>.
/// </summary>
public sealed record QuotaMixRule(string Name, IReadOnlyList<OccupationCategory> Categories, int MinimumPercent)
{
    /// <summary>The least number of the list's <paramref name="listSize"/> that satisfies the rule (rounded up).</summary>
    public int MinimumCount(int listSize) => (listSize * MinimumPercent + 99) / 100;
}
