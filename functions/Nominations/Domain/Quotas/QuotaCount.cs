namespace Gonghui.Functions.Nominations.Domain.Quotas;

/// <summary>A region's places at a level and how many of them nominations have taken.</summary>
public sealed record QuotaCount(QuotaKey Key, int Places, int Used)
{
    public int Left => Math.Max(0, Places - Used);
}
