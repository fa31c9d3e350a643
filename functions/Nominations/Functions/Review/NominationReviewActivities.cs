using Gonghui.Functions.Approvals;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Services;
using Gonghui.Functions.Nominations.Services.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Relief.Services;
using Gonghui.Functions.Validation;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Nominations.Functions.Review;

/// <summary>
/// The one activity of <see cref="NominationReviewOrchestration"/>: carry out a step's effects and, while the step
/// ends in an effect that asks (reviewers, a quota place), answer it and go on with the step the answer leads to
/// (<see cref="NominationEffectChain"/>); then open the final step's task rows, save its state and send its mails.
/// Returns the answers, from which the orchestration derives the same final state. It runs at least once, so every
/// effect is idempotent by natural keys: task rows by task id, quota places by nomination, mails by task, reviewer and
/// purpose or by history position, saved states by step number.
/// </summary>
public sealed class NominationReviewActivities(
    NominationStore nominations,
    CampaignStore campaigns,
    QuotaStore quotas,
    ReviewTaskStore tasks,
    ReviewerDirectory directory,
    ReliefCalendar calendar,
    NominationMail mail,
    RegistryFilings filings,
    NominationReviewSettings settings,
    ILogger<NominationReviewActivities> logger)
{
    public const string ApplyEffectsName = "NominationApplyEffects";

    [Function(ApplyEffectsName)]
    public async Task<NominationChainAnswer[]> ApplyEffects([ActivityTrigger] NominationEffectBatch batch, CancellationToken cancellationToken)
    {
        var context = LoadAsync(batch.State, cancellationToken);
        var answers = new List<NominationChainAnswer>();
        var step = new NominationReviewStep(batch.State, batch.Effects, null);
        // Saves are numbered twice the batch: a failing chain shows where it stopped (2n - 1), its successful retry still
        // saves the final state (2n), and a later batch outranks both.
        try
        {
            while (step.Answering is { } asking)
            {
                foreach (var effect in step.Effects.Where(e => !ReferenceEquals(e, asking)))
                    await ApplyAsync(step.State, await context, effect, opened: null, cancellationToken);
                var answer = await AnswerAsync(step.State, asking, batch.At, cancellationToken);
                answers.Add(answer);
                step = NominationEffectChain.Next(step, answer.Answer, batch.At, (_, _) => answer.ReminderAt!.Value);
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await nominations.SaveStateAsync(step.State, 2 * batch.Sequence - 1, CancellationToken.None);
            throw;
        }
        // A task row is open before the state says so and closed before the state stops showing it, and the state is
        // saved before a mail links to it: a decision never finds the one without the other.
        var opened = new Dictionary<string, OpenedReviewTask>();
        foreach (var request in step.Effects.OfType<SendReviewRequest>())
            opened[request.Task.TaskId] = await mail.OpenTaskAsync(step.State, request.Task, cancellationToken);
        foreach (var close in step.Effects.OfType<CloseReviewTask>())
            await ApplyAsync(step.State, await context, close, opened: null, cancellationToken);
        await nominations.SaveStateAsync(step.State, 2 * batch.Sequence, cancellationToken);
        foreach (var effect in step.Effects.Where(effect => effect is not CloseReviewTask))
            await ApplyAsync(step.State, await context, effect, opened, cancellationToken);
        logger.LogInformation("Nomination {NominationId} step {Sequence}: {Status} at {Level}", step.State.NominationId, batch.Sequence,
            step.State.Status, step.State.Level);
        return [.. answers];
    }

    private async Task<NominationChainAnswer> AnswerAsync(NominationReviewState state, NominationEffect effect, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        switch (effect)
        {
            case OpenReviewTask open:
                var reviewers = await directory.FindReviewersAsync(open.Level, open.RegionCode, cancellationToken) is { Count: > 0 } found
                    ? found
                    : throw new InvalidOperationException($"No {WireNames<ReviewLevel>.Of(open.Level)} reviewers for region {open.RegionCode}: " +
                        $"set them with PUT /api/nominations/reviewers/{open.RegionCode}/{WireNames<ReviewLevel>.Of(open.Level)}.");
                var addWorkingDays = await calendar.AdderAsync(settings.WorkingDayLength, cancellationToken);
                return new(new NominationEffectAnswer(Reviewers: reviewers), addWorkingDays(at, state.Timing.ReminderAfterWorkingDays));
            case ReserveQuotaPlace reserve:
                var (outcome, count) = await quotas.ReserveAsync(reserve.Key, reserve.NominationId, cancellationToken);
                logger.LogInformation("Nomination {NominationId} quota {Quota}: {Outcome}", reserve.NominationId, reserve.Key, outcome);
                return new(new NominationEffectAnswer(Quota: outcome, Count: count), null);
            case FileToRegistry file:
                var recordId = await filings.FileAsync(file.CampaignId, file.NominationId, at, cancellationToken);
                return new(new NominationEffectAnswer(RegistryRecordId: recordId), null);
            default:
                throw new InvalidOperationException($"No answer for {effect.GetType().Name} in the review.");
        }
    }

    /// <summary>Carries out an effect that needs no answer; <paramref name="opened"/> are a final step's tasks as they were opened, by task id.</summary>
    private async Task ApplyAsync(NominationReviewState state, ReviewContext context, NominationEffect effect,
        IReadOnlyDictionary<string, OpenedReviewTask>? opened, CancellationToken cancellationToken)
    {
        switch (effect)
        {
            case SendReviewRequest request:
                await mail.SendRequestsAsync(context.Campaign, state, context.Details, request,
                    opened?.GetValueOrDefault(request.Task.TaskId) ?? throw new InvalidOperationException($"Task {request.Task.TaskId} is opened before it is mailed."),
                    cancellationToken);
                break;
            case SendReviewReminder reminder:
                await mail.SendRemindersAsync(context.Campaign, state, context.Details, reminder.Task, cancellationToken);
                break;
            case CloseReviewTask close:
                var entry = state.History.LastOrDefault(e => e.TaskId == close.TaskId && e.Kind == close.Reason) ?? state.History[^1];
                await tasks.CloseAsync(close.TaskId, new ApprovalTaskConclusion(ApprovalTaskConclusionKind.Withdrawn, entry.ActorName, null, entry.At),
                    cancellationToken);
                break;
            case NotifyNominatingUnion notify:
                await mail.NotifyUnionAsync(context.Campaign, state, context.Details.Nominee.Name, notify, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"No handling for {effect.GetType().Name} in the review.");
        }
    }

    private async Task<ReviewContext> LoadAsync(NominationReviewState state, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.GetAsync(state.CampaignId, cancellationToken)
            ?? throw new InvalidOperationException($"Campaign {state.CampaignId} is not stored.");
        var nomination = await nominations.GetAsync(state.CampaignId, state.NominationId, cancellationToken);
        return new ReviewContext(campaign.Campaign, nomination?.Details ?? throw new InvalidOperationException($"Nomination {state.NominationId} has no details."));
    }

    private sealed record ReviewContext(Campaign Campaign, NominationDetails Details);
}
