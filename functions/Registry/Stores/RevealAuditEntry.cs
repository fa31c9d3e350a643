namespace Gonghui.Functions.Registry.Stores;

/// <summary>Someone saw a record's full national ID: who, when, and how (a single reveal or an export).</summary>
public sealed record RevealAuditEntry(string RecordId, string RevealId, DateTimeOffset At, string ActorId, string ActorName, string Purpose);
