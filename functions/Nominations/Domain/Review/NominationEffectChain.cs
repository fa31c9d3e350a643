using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Nominations.Domain.Review;

/// <summary>
/// How an answered effect leads to the next workflow step. An activity that carries out a step can answer its
/// asking effect and go on with the step the answer leads to; the orchestration then follows the same chain with the
/// answers the activity returned (taken from history on replay), so both arrive at the same state.
/// </summary>
public static class NominationEffectChain
{
    /// <summary>The step <paramref name="answer"/> to the step's asking effect leads to, at <paramref name="at"/>.</summary>
    public static NominationReviewStep Next(NominationReviewStep step, NominationEffectAnswer answer, DateTimeOffset at, WorkingDayAdder addWorkingDays)
    {
        var next = step.Answering switch
        {
            OpenReviewTask open => NominationReviewWorkflow.OpenTask(step.State, open.TaskId,
                answer.Reviewers ?? throw new ArgumentException("Reviewers expected.", nameof(answer)), at, addWorkingDays, open.Note),
            ReserveQuotaPlace => NominationReviewWorkflow.RecordQuota(step.State,
                answer.Quota ?? throw new ArgumentException("A quota outcome expected.", nameof(answer)), answer.Count, at),
            FileToRegistry => NominationReviewWorkflow.RecordFiled(step.State,
                answer.RegistryRecordId ?? throw new ArgumentException("A registry record id expected.", nameof(answer)), at),
            null => throw new InvalidOperationException("The step asks nothing."),
            var other => throw new InvalidOperationException($"No handling for {other.GetType().Name}."),
        };
        if (next.IsRefused)
            throw new InvalidOperationException($"The workflow refused its own step: {next.Refusal!.Code} {next.Refusal.Message}");
        return next;
    }

    /// <summary>The step a chain ends in, given the answers an activity returned for it in order.</summary>
    public static NominationReviewStep Follow(NominationReviewStep step, IEnumerable<NominationEffectAnswer> answers, DateTimeOffset at,
        WorkingDayAdder addWorkingDays)
    {
        foreach (var answer in answers)
            step = Next(step, answer, at, addWorkingDays);
        return step.Answering is { } open ? throw new InvalidOperationException($"No answer for {open.GetType().Name}.") : step;
    }
}
