namespace Gonghui.Functions.Nominations.Domain;

/// <summary>Working-day timing of each review level: the reviewer's reminder and the deadline of a revision.</summary>
public sealed record ReviewTiming(int ReminderAfterWorkingDays, int RevisionWorkingDays)
{
    public static ReviewTiming Default { get; } = new(2, 5);
}
