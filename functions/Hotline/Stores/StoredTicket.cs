using Azure;
using Gonghui.Functions.Hotline.Domain;

namespace Gonghui.Functions.Hotline.Stores;

/// <summary>
/// A ticket as read from its store, with the ETag its next update must match and the history entry that made this
/// version (null only for snapshots stored before the entry was kept beside them).
/// </summary>
public sealed record StoredTicket(Ticket Ticket, ETag ETag, TicketHistoryEntry? LatestEntry);
