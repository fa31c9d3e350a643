namespace Gonghui.Functions.Hotline;

/// <summary>A change was announced and its version is not stored yet: the queue delivers the message again later.</summary>
public sealed class TicketVersionNotCommittedException(string ticketId, int version)
    : Exception($"Ticket {ticketId} has no version {version} yet.");
