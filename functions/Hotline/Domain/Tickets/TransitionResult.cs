using System.Diagnostics.CodeAnalysis;

namespace Gonghui.Functions.Hotline.Domain;

/// <summary>Either the ticket after the change with the history entry recording it, or a rejection.</summary>
public sealed record TransitionResult
{
    private TransitionResult(Ticket? ticket, TicketHistoryEntry? entry, TicketRejection? rejection)
    {
        Ticket = ticket;
        Entry = entry;
        Rejection = rejection;
    }

    public Ticket? Ticket { get; }

    public TicketHistoryEntry? Entry { get; }

    public TicketRejection? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Ticket), nameof(Entry))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool Succeeded => Rejection is null;

    public static TransitionResult Success(Ticket ticket, TicketHistoryEntry entry) => new(ticket, entry, null);

    public static TransitionResult Rejected(TicketRejection rejection) => new(null, null, rejection);
}
