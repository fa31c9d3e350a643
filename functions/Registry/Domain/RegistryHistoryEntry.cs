namespace Gonghui.Functions.Registry.Domain;

/// <summary>
/// One change of a record, kept for ever: <see cref="Sequence"/> is the version it produced, who made it and when,
/// the fields it changed and why (a status change's reason, or the file an import came from).
/// </summary>
public sealed record RegistryHistoryEntry(
    int Sequence,
    DateTimeOffset At,
    string ActorId,
    string ActorName,
    RegistryAction Action,
    IReadOnlyList<FieldChange> Changes,
    string? Reason);
