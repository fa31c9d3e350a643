namespace Gonghui.Functions.Nominations.Domain.Notice;

/// <summary>A quota-mix rule the list fails: how many of its categories it needs, has, and lacks.</summary>
public sealed record QuotaMixShortfall(QuotaMixRule Rule, int ListSize, int Required, int Actual)
{
    public int Shortfall => Required - Actual;

    /// <summary>"产业工人应不低于 35%：名单 10 人中至少 4 人，现有 2 人，还差 2 人。"</summary>
    public string Message =>
        $"{Rule.Name}应不低于 {Rule.MinimumPercent}%：名单 {ListSize} 人中至少 {Required} 人，现有 {Actual} 人，还差 {Shortfall} 人。";
}
