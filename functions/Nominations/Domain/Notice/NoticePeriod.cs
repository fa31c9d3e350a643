using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Nominations.Domain.Notice;

/// <summary>The public notice's period: <see cref="Ends"/> is the campaign's notice working days after <see cref="Starts"/>.</summary>
public sealed record NoticePeriod(DateTimeOffset Starts, DateTimeOffset Ends)
{
    public static NoticePeriod Starting(DateTimeOffset at, Campaign campaign, WorkingDayAdder addWorkingDays) =>
        new(at, addWorkingDays(at, campaign.NoticeWorkingDays));

    /// <summary>Objections are taken while the notice runs.</summary>
    public bool AcceptsObjections(DateTimeOffset at) => at >= Starts && at < Ends;

    /// <summary>The notice ends once its time is up and every objection is settled, not before.</summary>
    public bool CanEnd(DateTimeOffset at, IEnumerable<Objection> objections) =>
        at >= Ends && objections.All(objection => objection.Status != ObjectionStatus.Investigating);
}
