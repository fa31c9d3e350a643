namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// The hotline's rules that admins may change, held as one record (DOMAIN.md defaults in
/// <see cref="Default"/>).
/// </summary>
public sealed record HotlinePolicy(
    SlaTarget Acceptance,
    IReadOnlyDictionary<TicketCategory, SlaTarget> Resolution,
    SlaTarget UrgentResolution,
    int WarningPercent,
    int TransfersBeforeEscalation,
    int ReopenWindowDays,
    int UnreachedCallbackWorkingDays,
    TimeSpan DuplicateWindow)
{
    public static HotlinePolicy Default { get; } = new(
        Acceptance: new SlaTarget(1, SlaUnit.WorkingHours),
        Resolution: new Dictionary<TicketCategory, SlaTarget>
        {
            [TicketCategory.Consultation] = new(3, SlaUnit.WorkingDays),
            [TicketCategory.LegalAid] = new(5, SlaUnit.WorkingDays),
            [TicketCategory.Rights] = new(5, SlaUnit.WorkingDays),
            [TicketCategory.Hardship] = new(10, SlaUnit.WorkingDays),
            [TicketCategory.Complaint] = new(10, SlaUnit.WorkingDays),
            [TicketCategory.Suggestion] = new(15, SlaUnit.WorkingDays),
        },
        UrgentResolution: new SlaTarget(1, SlaUnit.WorkingDays),
        WarningPercent: 75,
        TransfersBeforeEscalation: 3,
        ReopenWindowDays: 15,
        UnreachedCallbackWorkingDays: 3,
        DuplicateWindow: TimeSpan.FromHours(24));

    /// <summary>Urgent tickets have the urgent target whatever their category.</summary>
    public SlaTarget ResolutionTarget(TicketCategory category, TicketUrgency urgency) =>
        urgency == TicketUrgency.Urgent ? UrgentResolution : Resolution[category];

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Enum.GetValues<TicketCategory>().Any(category => !Resolution.ContainsKey(category)))
        {
            errors.Add("policy.resolution_target_missing");
        }

        if (Resolution.Values.Append(Acceptance).Append(UrgentResolution).Any(target => target.Amount <= 0))
        {
            errors.Add("policy.target_not_positive");
        }

        if (WarningPercent is <= 0 or >= 100)
        {
            errors.Add("policy.warning_percent_out_of_range");
        }

        if (TransfersBeforeEscalation < 1 || ReopenWindowDays < 0 || UnreachedCallbackWorkingDays < 1 || DuplicateWindow < TimeSpan.Zero)
        {
            errors.Add("policy.limit_out_of_range");
        }

        return errors;
    }
}
