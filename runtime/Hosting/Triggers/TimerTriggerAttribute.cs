using Gonghui.Hosting.Functions;

namespace Gonghui.Hosting.Triggers;

/// <summary>
/// A timer function on a six-field NCRONTAB schedule ("0 */5 * * * *": second minute hour day month weekday),
/// or a setting name in percent signs ("%SlaScanSchedule%"). The parameter is a <see cref="TimerInfo"/>.
/// </summary>
public sealed class TimerTriggerAttribute(string schedule) : TriggerBindingAttribute
{
    public override string TriggerType => "timerTrigger";

    public string Schedule { get; } = schedule;

    public bool RunOnStartup { get; set; }
}
