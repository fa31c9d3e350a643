namespace Gonghui.Functions.Nominations.Domain.Notice;

/// <summary>How many objections one network address may file an hour and one contact a day (held as data).</summary>
public sealed record ObjectionRateLimit(int PerAddressPerHour, int PerContactPerDay)
{
    public static ObjectionRateLimit Default { get; } = new(5, 3);
}
