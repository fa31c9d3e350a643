using Azure;

namespace Gonghui.Functions.Hotline;

/// <summary>A ticket as read from its store, with the ETag its next update must match.</summary>
public sealed record StoredTicket(Ticket Ticket, ETag ETag);
