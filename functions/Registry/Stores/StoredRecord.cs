using Azure;
using Gonghui.Functions.Registry.Domain;

namespace Gonghui.Functions.Registry.Stores;

/// <summary>A record as read, with the ETag a change must match.</summary>
public sealed record StoredRecord(ModelWorkerRecord Record, ETag ETag);
