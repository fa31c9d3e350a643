namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// One bucket of summed ticket counters: a local (UTC+8) day or month × region × category × unit.
/// <see cref="UnitId"/> is empty for tickets not yet assigned. A store can use the month as
/// partition key and the rest as row key.
/// </summary>
public readonly record struct FigureBucketKey(
    FigureGranularity Granularity, DateOnly Day, string RegionCode, TicketCategory Category, string UnitId)
{
    public static FigureBucketKey For(FigureGranularity granularity, DateOnly day, Ticket ticket) =>
        new(granularity, granularity == FigureGranularity.Month ? new DateOnly(day.Year, day.Month, 1) : day,
            ticket.RegionCode, ticket.Category, ticket.UnitId ?? "");
}
