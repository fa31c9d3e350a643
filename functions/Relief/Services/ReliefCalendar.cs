using Gonghui.Functions.Hotline;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Relief.Services;

/// <summary>
/// The working days relief deadlines count: the holiday arrangements as admins keep them (PUT /api/hotline/calendar/{year},
/// seeded with the State Council's), read by the activity that opens a task, so an edit applies to every task opened
/// after it. The orchestration takes the deadlines from the activity's answer and never reads the calendar itself.
/// </summary>
public sealed class ReliefCalendar(ReferenceDataStore reference)
{
    /// <param name="workingDayLength">
    /// Timer tests only (<see cref="ReliefSettings.WorkingDayLength"/>): working days of that length back to back, since
    /// durable timers fire on the real clock.
    /// </param>
    public async Task<WorkingDayAdder> AdderAsync(TimeSpan? workingDayLength, CancellationToken cancellationToken) =>
        workingDayLength is { } length
            ? (start, workingDays) => start + length * workingDays
            : (await reference.GetAsync(cancellationToken)).Calendar.AddWorkingDays;
}
