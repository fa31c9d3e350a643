namespace Gonghui.Functions.Nominations.Domain.Quotas;

/// <summary>
/// The arithmetic of places: a level forwards a nomination only into a free place, and a place once taken stays
/// taken (a level never forwards more than its quota, whatever happens to the nomination later).
/// </summary>
public static class QuotaLedger
{
    /// <summary>The outcome of taking a place for a nomination, and the count to write when one is taken.</summary>
    public static (QuotaOutcome Outcome, QuotaCount? Next) Reserve(QuotaCount? count, bool nominationHoldsPlace) =>
        nominationHoldsPlace ? (QuotaOutcome.AlreadyReserved, null)
        : count is null ? (QuotaOutcome.NoQuota, null)
        : count.Used >= count.Places ? (QuotaOutcome.Full, null)
        : (QuotaOutcome.Reserved, count with { Used = count.Used + 1 });

    /// <summary>A campaign change may set a region's places to anything not below what is taken.</summary>
    public static bool CanSetPlaces(QuotaCount? count, int places) => places >= (count?.Used ?? 0);
}
