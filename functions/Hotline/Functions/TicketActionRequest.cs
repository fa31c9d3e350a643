namespace Gonghui.Functions.Hotline.Functions;

/// <summary>The body of POST /api/tickets/{id}/{action}; each action reads the fields it needs.</summary>
public sealed record TicketActionRequest(
    string? UnitId = null,
    string? Note = null,
    string? Reason = null,
    string? Resolution = null,
    bool? Reached = null,
    int? Satisfaction = null,
    string? Into = null);
