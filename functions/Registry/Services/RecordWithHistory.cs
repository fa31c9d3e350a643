using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Stores;

namespace Gonghui.Functions.Registry.Services;

/// <summary>A record with every change made to it and every reveal of its national ID, oldest first.</summary>
public sealed record RecordWithHistory(RegistryRecordView Record, IReadOnlyList<RegistryHistoryEntry> History, IReadOnlyList<RevealAuditEntry> Reveals);
