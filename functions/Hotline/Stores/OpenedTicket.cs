using Gonghui.Functions.Hotline.Domain;

namespace Gonghui.Functions.Hotline.Stores;

/// <summary>A ticket as it is now, with the fingerprint of the intake request that opened it.</summary>
public sealed record OpenedTicket(Ticket Current, string? IntakeBodyHash);
