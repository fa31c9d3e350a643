namespace Gonghui.Functions.Hotline.Stores;

/// <summary>The ticket changed since it was read: its ETag no longer matches (HTTP 412 when the caller sent If-Match).</summary>
public sealed class TicketConcurrencyException(string ticketId)
    : Exception($"Ticket {ticketId} was changed by someone else since it was read.")
{
    public string TicketId { get; } = ticketId;
}
