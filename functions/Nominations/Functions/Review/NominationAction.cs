using System.Text.Json.Serialization;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Services;

namespace Gonghui.Functions.Nominations.Functions.Review;

[JsonConverter(typeof(JsonStringEnumConverter<NominationActionKind>))]
public enum NominationActionKind
{
    [JsonStringEnumMemberName("decide")] Decide = 1,
    [JsonStringEnumMemberName("resubmit")] Resubmit,
    [JsonStringEnumMemberName("objection_upheld")] ObjectionUpheld,
    [JsonStringEnumMemberName("final_approve")] FinalApprove,
}

/// <summary>
/// What comes to a running review from outside: a reviewer's decision (recorded on its task row first), the union's
/// resubmission, an upheld objection (<see cref="Reference"/> the objection's, <see cref="Comment"/> the finding) or the
/// committee's final approval. <see cref="RevisionDue"/> is the deadline of a return, counted on the working calendar
/// by whoever raised the decision, so the orchestration never reads the calendar itself.
/// </summary>
public sealed record NominationAction(
    NominationActionKind Kind,
    DateTimeOffset At,
    ReviewDecision? Decision = null,
    DateTimeOffset? RevisionDue = null,
    string? ActorId = null,
    string? ActorName = null,
    string? Comment = null,
    string? Reference = null)
{
    public static NominationAction Decided(ReviewDecision decision, DateTimeOffset? revisionDue) =>
        new(NominationActionKind.Decide, decision.At, decision, revisionDue);

    public static NominationAction Resubmitted(NominationActor actor, string? comment, DateTimeOffset at) =>
        new(NominationActionKind.Resubmit, at, ActorId: actor.Id, ActorName: actor.Name, Comment: comment);

    public static NominationAction ObjectionWasUpheld(string reference, string finding, string actorId, string actorName, DateTimeOffset at) =>
        new(NominationActionKind.ObjectionUpheld, at, ActorId: actorId, ActorName: actorName, Comment: finding, Reference: reference);

    public static NominationAction FinalApproved(string actorId, string actorName, DateTimeOffset at) =>
        new(NominationActionKind.FinalApprove, at, ActorId: actorId, ActorName: actorName);
}
