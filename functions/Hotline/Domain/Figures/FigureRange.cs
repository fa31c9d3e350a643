namespace Gonghui.Functions.Hotline.Domain;

/// <summary>Buckets of one granularity whose day is within [First, Last].</summary>
public sealed record FigureRange(FigureGranularity Granularity, DateOnly First, DateOnly Last)
{
    public bool Contains(FigureBucketKey key) => key.Granularity == Granularity && key.Day >= First && key.Day <= Last;
}
