namespace Gonghui.Durable;

/// <summary>Replaying the orchestrator produced different steps than its history records; the instance is failed with this error.</summary>
public sealed class NonDeterministicOrchestrationException(string message) : Exception(message);
