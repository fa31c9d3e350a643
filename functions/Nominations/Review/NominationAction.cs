using System.Text.Json.Serialization;
using Gonghui.Functions.Nominations.Domain.Review;

namespace Gonghui.Functions.Nominations.Review;

[JsonConverter(typeof(JsonStringEnumConverter<NominationActionKind>))]
public enum NominationActionKind
{
    [JsonStringEnumMemberName("decide")] Decide = 1,
    [JsonStringEnumMemberName("resubmit")] Resubmit,
}

/// <summary>
/// What comes to a running review from outside: a reviewer's decision (recorded on its task row first) or the union's
/// resubmission. <see cref="RevisionDue"/> is the deadline of a return, counted on the working calendar by whoever
/// raised the decision, so the orchestration never reads the calendar itself.
/// </summary>
public sealed record NominationAction(
    NominationActionKind Kind,
    DateTimeOffset At,
    ReviewDecision? Decision = null,
    DateTimeOffset? RevisionDue = null,
    string? ActorId = null,
    string? ActorName = null,
    string? Comment = null)
{
    public static NominationAction Decided(ReviewDecision decision, DateTimeOffset? revisionDue) =>
        new(NominationActionKind.Decide, decision.At, decision, revisionDue);

    public static NominationAction Resubmitted(NominationActor actor, string? comment, DateTimeOffset at) =>
        new(NominationActionKind.Resubmit, at, ActorId: actor.Id, ActorName: actor.Name, Comment: comment);
}
