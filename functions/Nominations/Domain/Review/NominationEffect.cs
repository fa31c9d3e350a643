using System.Text.Json.Serialization;
using Gonghui.Functions.Nominations.Domain.Quotas;

namespace Gonghui.Functions.Nominations.Domain.Review;

/// <summary>
/// Something the orchestration must do after a workflow step, through an activity. Activities run at least once, so
/// each names the key that makes it idempotent. An effect with <see cref="NeedsAnswer"/> (at most one per step, the
/// last) is answered back into the workflow through the method its summary names.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "effect")]
[JsonDerivedType(typeof(OpenReviewTask), "open_review_task")]
[JsonDerivedType(typeof(SendReviewRequest), "send_review_request")]
[JsonDerivedType(typeof(SendReviewReminder), "send_review_reminder")]
[JsonDerivedType(typeof(CloseReviewTask), "close_review_task")]
[JsonDerivedType(typeof(ReserveQuotaPlace), "reserve_quota_place")]
[JsonDerivedType(typeof(NotifyNominatingUnion), "notify_nominating_union")]
[JsonDerivedType(typeof(FileToRegistry), "file_to_registry")]
public abstract record NominationEffect
{
    [JsonIgnore]
    public virtual bool NeedsAnswer => false;
}

/// <summary>Look up the reviewers of <paramref name="Level"/> for <paramref name="RegionCode"/>, then call <see cref="NominationReviewWorkflow.OpenTask"/>.</summary>
/// <param name="Note">Why the task opens again, for the reviewers' e-mail (the quota was full), or null.</param>
public sealed record OpenReviewTask(string TaskId, ReviewLevel Level, string RegionCode, string? Note = null) : NominationEffect
{
    public override bool NeedsAnswer => true;
}

/// <summary>Store the task, issue each reviewer a signed single-use link and e-mail it (idempotent by task id and reviewer id).</summary>
public sealed record SendReviewRequest(ReviewTask Task, string? Note) : NominationEffect;

public sealed record SendReviewReminder(ReviewTask Task) : NominationEffect;

/// <summary>Mark the task closed in the store so its remaining links show what happened.</summary>
public sealed record CloseReviewTask(string TaskId, NominationEventKind Reason) : NominationEffect;

/// <summary>Take a place via the quota store keyed by <paramref name="NominationId"/>; feed the outcome to <see cref="NominationReviewWorkflow.RecordQuota"/>.</summary>
public sealed record ReserveQuotaPlace(QuotaKey Key, string NominationId) : NominationEffect
{
    public override bool NeedsAnswer => true;
}

/// <summary>E-mail the nominating union about <paramref name="Event"/> (idempotent by nomination id and history position).</summary>
public sealed record NotifyNominatingUnion(NominationHistoryEntry Event, int HistoryIndex) : NominationEffect;

/// <summary>
/// Build a <see cref="Registry.RegistryFiling"/> from the stored nomination and campaign and file it (idempotent by
/// nomination id: a retried activity finds the record it made); feed the record id to <see cref="NominationReviewWorkflow.RecordFiled"/>.
/// </summary>
public sealed record FileToRegistry(string NominationId, string CampaignId) : NominationEffect
{
    public override bool NeedsAnswer => true;
}
