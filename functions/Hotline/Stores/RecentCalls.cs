using Azure;
using Gonghui.Functions.Hotline.Domain;

namespace Gonghui.Functions.Hotline.Stores;

/// <summary>The tickets recently received from one phone (by hash), with the ETag a write back must match (null: none yet).</summary>
public sealed record RecentCalls(string PhoneHash, IReadOnlyList<DuplicateCandidate> Tickets, ETag? ETag);
