using Gonghui.Hosting.Functions;

namespace Gonghui.Durable;

/// <summary>Marks the input parameter of an activity function (bound from the activity's JSON input).</summary>
public sealed class ActivityTriggerAttribute : TriggerBindingAttribute
{
    public override string TriggerType => "activityTrigger";
}
