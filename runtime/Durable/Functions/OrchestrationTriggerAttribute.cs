using Gonghui.Hosting.Functions;

namespace Gonghui.Durable;

/// <summary>Marks the <see cref="TaskOrchestrationContext"/> parameter of an orchestrator function.</summary>
public sealed class OrchestrationTriggerAttribute : TriggerBindingAttribute
{
    public override string TriggerType => "orchestrationTrigger";

    /// <summary>The orchestrator version this function implements; versions of one name run side by side.</summary>
    public string? Version { get; init; }
}
