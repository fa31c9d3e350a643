namespace Gonghui.Functions.Hotline.Services;

/// <summary>The message on <see cref="TicketChangeQueue.QueueName"/>: ticket <see cref="TicketId"/> reached <see cref="Version"/>.</summary>
public sealed record TicketChange(string TicketId, int Version);
