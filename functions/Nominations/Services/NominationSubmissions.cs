using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Functions.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Nominations.Stores.Materials;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Validation;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Gonghui.Functions.Nominations.Services;

public enum SubmissionOutcome
{
    /// <summary>Stored and its review started (or, for a repeat, found started).</summary>
    Submitted = 1,
    Invalid,
    DuplicateNominee,

    /// <summary>The nomination changed since it was read.</summary>
    Changed,

    /// <summary>The workflow refuses (not returned, revision deadline passed, already under review).</summary>
    Refused,
}

public sealed record SubmissionResult(SubmissionOutcome Outcome, IReadOnlyList<FieldError> Errors, WorkflowRefusal? Refusal = null, string? ExistingNominationId = null)
{
    public static SubmissionResult Submitted { get; } = new(SubmissionOutcome.Submitted, []);
}

/// <summary>Who submits: the nominator key's id and name.</summary>
public sealed record NominationActor(string Id, string Name);

/// <summary>
/// Submitting and resubmitting nominations: everything is checked at once (content, window, vote, uploaded
/// materials) and nothing is stored on a refusal; a submission stores the nomination with its person row and the
/// review's first state in one transaction, then starts its <see cref="NominationReviewOrchestration"/> (instance id
/// = nomination id). A repeated submit finds the nomination submitted and only starts the review if a crash left it
/// unstarted, so a review never starts twice.
/// </summary>
public sealed class NominationSubmissions(NominationStore nominations, MaterialStore materials, Lazy<NominationsSettings> settings, TimeProvider clock)
{
    public async Task<SubmissionResult> SubmitAsync(StoredNomination known, Campaign campaign, NominationActor actor, DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        if (known.Status != NominationStatus.Draft)
            return known.State is { } state
                ? await StartAsync(known, campaign, state.History[0], durable, cancellationToken)
                : new(SubmissionOutcome.Changed, []);
        var now = clock.GetUtcNow();
        var (details, errors) = await CheckAsync(known.Content, campaign, now, cancellationToken);
        if (details is null) return new(SubmissionOutcome.Invalid, errors);
        var step = NominationReviewWorkflow.Submit(known.NominationId, campaign, known.UnionId, known.CountyCode, actor.Id, actor.Name, now);
        var written = await nominations.SubmitAsync(known, known.Content, details, Hash(details), now, step.State, cancellationToken);
        return written.Outcome switch
        {
            NominationWriteOutcome.Written => await StartAsync(known, campaign, step.State.History[0], durable, cancellationToken),
            NominationWriteOutcome.DuplicateNominee => Duplicate(written),
            _ => await nominations.GetAsync(known.CampaignId, known.NominationId, cancellationToken) is { State: { } state } submitted
                ? await StartAsync(submitted, campaign, state.History[0], durable, cancellationToken)
                : new(SubmissionOutcome.Changed, []),
        };
    }

    /// <summary>A returned nomination, revised (<paramref name="content"/>, or as stored), goes back to the level that returned it.</summary>
    public async Task<SubmissionResult> ResubmitAsync(StoredNomination known, NominationRequest? content, Campaign campaign, NominationActor actor,
        string? comment, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (known.State is not { } state) return new(SubmissionOutcome.Refused, [], new WorkflowRefusal(NominationReviewWorkflow.NotReturned, "该推荐尚未提交。"));
        if (NominationReviewWorkflow.Resubmit(state, actor.Id, actor.Name, comment, now).Refusal is { } refusal)
            return new(SubmissionOutcome.Refused, [], refusal);
        content ??= known.Content;
        // The window was judged at the first submission; a revision answers the reviewers within its own deadline.
        var (details, errors) = await CheckAsync(content, campaign, known.SubmittedAt ?? now, cancellationToken);
        if (details is null) return new(SubmissionOutcome.Invalid, errors);
        var written = await nominations.ReviseAsync(known, content, details, Hash(details), cancellationToken);
        if (written.Outcome == NominationWriteOutcome.DuplicateNominee) return Duplicate(written);
        if (written.Outcome != NominationWriteOutcome.Written) return new(SubmissionOutcome.Changed, []);
        await durable.RaiseEventAsync(known.NominationId, NominationReviewOrchestration.ActionEvent,
            NominationAction.Resubmitted(actor, comment, now), cancellationToken);
        return SubmissionResult.Submitted;
    }

    private async Task<(NominationDetails? Details, IReadOnlyList<FieldError> Errors)> CheckAsync(NominationRequest content, Campaign campaign,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        var validation = NominationValidator.ValidateSubmission(content, campaign, at);
        var missing = await materials.FindMissingAsync(MaterialReferences.Of(content), cancellationToken);
        IReadOnlyList<FieldError> errors = [.. validation.Errors, .. missing];
        return (errors.Count == 0 ? validation.Value : null, errors);
    }

    private string Hash(NominationDetails details) => settings.Value.NationalIdHasher.Hash(details.Nominee.NationalId);

    private static SubmissionResult Duplicate(NominationWriteResult written) =>
        new(SubmissionOutcome.DuplicateNominee, [new FieldError("nominee.nationalId", "duplicate_nominee", "该人员已在本活动中被推荐，同一人每次评选只能被推荐一次。")],
            ExistingNominationId: written.ExistingNominationId);

    /// <summary>Starts the review unless it runs already; its input is the submission step, rebuilt from what is stored.</summary>
    private static async Task<SubmissionResult> StartAsync(StoredNomination nomination, Campaign campaign, NominationHistoryEntry submitted,
        DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var id = nomination.NominationId;
        if (await durable.GetInstanceAsync(id, cancellation: cancellationToken) is not null) return SubmissionResult.Submitted;
        var step = NominationReviewWorkflow.Submit(id, campaign with { Timing = nomination.State?.Timing ?? campaign.Timing }, nomination.UnionId,
            nomination.CountyCode, submitted.ActorId!, submitted.ActorName!, submitted.At);
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(NominationReviewOrchestration.Name, new NominationReviewStart(step.State, step.Effects),
                new StartOrchestrationOptions(id), cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A concurrent repeat may have started it (each durable backend says so its own way); else it is a failure.
            if (await durable.GetInstanceAsync(id, cancellation: cancellationToken) is null) throw;
        }
        return SubmissionResult.Submitted;
    }
}
