namespace Gonghui.Functions.Hotline.Domain;

/// <summary>A ratio kept as its parts; <see cref="Percent"/> is null when there is nothing to divide by.</summary>
public readonly record struct Rate(long Numerator, long Denominator)
{
    public decimal? Percent => Denominator == 0 ? null : Math.Round(100m * Numerator / Denominator, 2, MidpointRounding.AwayFromZero);
}
