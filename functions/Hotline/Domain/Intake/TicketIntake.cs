using Gonghui.Functions.Privacy;

namespace Gonghui.Functions.Hotline.Domain;

/// <summary>A validated, normalized intake: what a ticket is opened with.</summary>
public sealed record TicketIntake(
    string CallerName,
    PhoneNumber Phone,
    TicketCategory Category,
    string RegionCode,
    string Subject,
    string Description,
    TicketChannel Channel,
    TicketUrgency Urgency,
    string? MemberId,
    string? Employer,
    bool CallbackConsent);
