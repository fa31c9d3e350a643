using Gonghui.Functions.Approvals;

namespace Gonghui.Functions.Relief.Services;

/// <summary>
/// A task row opened for an approval request: the link issued for its first mail, and whether this run created the
/// row (an activity's rerun finds it created and mails through the outbox's claim, see <see cref="Notifications.EmailOutbox"/>).
/// </summary>
public sealed record OpenedApprovalTask(IssuedApprovalLink Link, bool Created);
