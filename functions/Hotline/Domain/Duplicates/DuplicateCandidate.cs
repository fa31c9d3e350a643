namespace Gonghui.Functions.Hotline.Domain;

/// <summary>What the duplicate rule needs of a ticket: its id, phone hash, category, receipt time and merge state.</summary>
public sealed record DuplicateCandidate(string TicketId, string PhoneHash, TicketCategory Category, DateTimeOffset ReceivedAt, string? MergedInto)
{
    public static DuplicateCandidate Of(Ticket ticket) =>
        new(ticket.Id, ticket.PhoneHash, ticket.Category, ticket.ReceivedAt, ticket.MergedInto);
}
