using Gonghui.Functions.Hotline.Domain;

namespace Gonghui.Functions.Hotline.Stores;

/// <summary>
/// Filters of GET /api/tickets, all optional and already checked against the known values: status, region,
/// category, unit, receipt dates (local, inclusive), overdue; a page size and the previous page's token.
/// </summary>
public sealed record TicketListQuery(
    TicketStatus? Status = null,
    string? RegionCode = null,
    TicketCategory? Category = null,
    string? UnitId = null,
    DateOnly? From = null,
    DateOnly? To = null,
    bool? Overdue = null,
    int PageSize = 50,
    string? ContinuationToken = null);
