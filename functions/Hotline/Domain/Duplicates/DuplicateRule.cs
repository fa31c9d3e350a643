namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// Possible duplicates: the same phone (by keyed hash) and category within the window before the
/// new ticket. They are flagged and linked, never refused. A store finds earlier tickets by an index
/// row keyed on (phone hash, category) and passes them here.
/// </summary>
public static class DuplicateRule
{
    public static bool IsPossibleDuplicate(DuplicateCandidate ticket, DuplicateCandidate earlier, TimeSpan window) =>
        earlier.TicketId != ticket.TicketId
        && earlier.PhoneHash == ticket.PhoneHash
        && earlier.Category == ticket.Category
        && earlier.ReceivedAt <= ticket.ReceivedAt
        && ticket.ReceivedAt - earlier.ReceivedAt <= window;

    /// <summary>
    /// The ticket to link to: the earliest matching one, following merges to their original, so a
    /// run of repeat calls all point to the first ticket rather than forming a chain.
    /// </summary>
    public static string? FindOriginal(DuplicateCandidate ticket, IEnumerable<DuplicateCandidate> earlier, TimeSpan window) =>
        earlier
            .Where(candidate => IsPossibleDuplicate(ticket, candidate, window))
            .OrderBy(candidate => candidate.ReceivedAt)
            .ThenBy(candidate => candidate.TicketId, StringComparer.Ordinal)
            .Select(candidate => candidate.MergedInto ?? candidate.TicketId)
            .FirstOrDefault();
}
