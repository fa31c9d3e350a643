using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// An SLA event of one clock cycle, e.g. "resolution_warning:1". <see cref="Key"/> is what the
/// ticket keeps in <see cref="Ticket.RaisedSlaEvents"/> so each event is acted on once.
/// </summary>
public sealed record SlaEvent(SlaEventKind Kind, int Cycle, DateTimeOffset At)
{
    public string Key => $"{WireNames<SlaEventKind>.Of(Kind)}:{Cycle}";

    public bool IsBreach => Kind is SlaEventKind.AcceptanceBreach or SlaEventKind.ResolutionBreach;
}
