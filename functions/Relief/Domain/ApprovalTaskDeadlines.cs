namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// When an approval task opened at a moment sends its reminder, asks the deputy and expires: the program's
/// <see cref="ApprovalTiming"/> in working days, counted by the calendar in force when the task opens.
/// </summary>
public sealed record ApprovalTaskDeadlines(DateTimeOffset ReminderAt, DateTimeOffset EscalationAt, DateTimeOffset ExpiresAt)
{
    public static ApprovalTaskDeadlines After(DateTimeOffset openedAt, ApprovalTiming timing, WorkingDayAdder addWorkingDays) => new(
        addWorkingDays(openedAt, timing.ReminderAfterWorkingDays),
        addWorkingDays(openedAt, timing.EscalationAfterWorkingDays),
        addWorkingDays(openedAt, timing.ExpiryAfterWorkingDays));
}
