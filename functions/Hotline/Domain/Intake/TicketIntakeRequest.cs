namespace Gonghui.Functions.Hotline.Domain;

/// <summary>The intake body as received (POST /api/tickets), every field possibly missing or malformed.</summary>
public sealed record TicketIntakeRequest(
    string? CallerName,
    string? Phone,
    string? Category,
    string? RegionCode,
    string? Subject,
    string? Description,
    string? Channel,
    string? Urgency,
    string? MemberId,
    string? Employer,
    bool? CallbackConsent);
