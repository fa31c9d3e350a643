namespace Gonghui.Functions.Nominations.Domain.Notice;

/// <summary>Whether a list meets a campaign's quota-mix rules; each rule counts the list's members of its categories.</summary>
public static class QuotaMix
{
    public static IReadOnlyList<QuotaMixShortfall> Shortfalls(IReadOnlyList<QuotaMixRule> rules, IReadOnlyCollection<OccupationCategory> list) =>
    [
        .. rules
            .Select(rule => new QuotaMixShortfall(rule, list.Count, rule.MinimumCount(list.Count), list.Count(rule.Categories.Contains)))
            .Where(check => check.Shortfall > 0),
    ];

    /// <summary>The share of each category on the list, in whole per cent (for the campaign figures).</summary>
    public static IReadOnlyDictionary<OccupationCategory, int> Percentages(IReadOnlyCollection<OccupationCategory> list) =>
        list.Count == 0
            ? new Dictionary<OccupationCategory, int>()
            : list.GroupBy(category => category).ToDictionary(group => group.Key, group => group.Count() * 100 / list.Count);
}
