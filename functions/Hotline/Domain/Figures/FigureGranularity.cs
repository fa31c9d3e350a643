namespace Gonghui.Functions.Hotline.Domain;

/// <summary>Day buckets answer any period; month buckets (dated the 1st) answer whole months with 30× fewer rows.</summary>
public enum FigureGranularity
{
    Day,
    Month,
}
