using Gonghui.Functions.Approvals;
using Gonghui.Functions.Nominations.Stores;

namespace Gonghui.Functions.Nominations.Services.Review;

/// <summary>
/// What an e-mailed nominations link (a reviewer's or the committee's) may do now: its token verified, its task read,
/// and the shared approval-link gate's answer for a GET or, with the form's anti-forgery value, a POST.
/// </summary>
public sealed class ReviewLinkResolver(ReviewTaskStore tasks, NominationReviewSettings settings, TimeProvider clock)
{
    public async Task<(ApprovalLinkState Gate, StoredReviewTask? Task)> ResolveAsync(string token, string? formToken, bool isPost,
        CancellationToken cancellationToken)
    {
        var verification = settings.Tokens.Verify(token, clock.GetUtcNow());
        var task = verification.Claims is { } claims ? await tasks.GetAsync(claims.TaskId, cancellationToken) : null;
        var gate = isPost
            ? ApprovalLinkGate.ResolvePost(verification, task?.Snapshot, settings.Tokens, formToken)
            : ApprovalLinkGate.Resolve(verification, task?.Snapshot);
        return (gate, task);
    }
}
