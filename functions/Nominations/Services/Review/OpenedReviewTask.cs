using Gonghui.Functions.Approvals;

namespace Gonghui.Functions.Nominations.Services.Review;

/// <summary>
/// A review task row opened for its requests: the link issued to each reviewer (by reviewer id), and whether this run
/// created the row (an activity's rerun finds it created and mails through the outbox's claim, see <see cref="Notifications.EmailOutbox"/>).
/// </summary>
public sealed record OpenedReviewTask(IReadOnlyDictionary<string, IssuedApprovalLink> Links, bool Created);
