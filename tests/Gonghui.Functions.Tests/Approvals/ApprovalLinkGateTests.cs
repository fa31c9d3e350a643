using Gonghui.Functions.Approvals;

namespace Gonghui.Functions.Tests.Approvals;

public class ApprovalLinkGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
    private readonly ApprovalLinkTokens _tokens = new(new ApprovalLinkKeyRing([new ApprovalLinkKey("k1", new byte[32])], "k1"));

    private (IssuedApprovalLink Link, ApprovalTaskSnapshot Task) Issued()
    {
        var link = _tokens.Issue("rel-1-L1-R1", "district-chief", Now, Now.AddDays(14));
        var task = new ApprovalTaskSnapshot("rel-1-L1-R1", ApprovalTaskStatus.Open,
            [new IssuedLinkRecord(link.Claims.Nonce, "district-chief", Now)], null);
        return (link, task);
    }

    [Fact]
    public void Open_task_with_a_recorded_link_shows_the_confirmation()
    {
        var (link, task) = Issued();
        var state = ApprovalLinkGate.Resolve(_tokens.Verify(link.Token, Now), task);
        Assert.Equal(ApprovalLinkPageKind.Confirm, state.Kind);
        Assert.Equal(link.Claims, state.Claims);
    }

    [Fact]
    public void Replayed_link_after_the_decision_shows_who_decided_when()
    {
        var (link, open) = Issued();
        var formToken = _tokens.CreateFormToken(link.Claims);
        Assert.Equal(ApprovalLinkPageKind.Confirm, ApprovalLinkGate.ResolvePost(_tokens.Verify(link.Token, Now), open, _tokens, formToken).Kind);

        // What the store writes for single use, under the task row's ETag: status, conclusion, the used nonce.
        var decidedAt = Now.AddHours(1);
        var decided = open with
        {
            Status = ApprovalTaskStatus.Decided,
            IssuedLinks = [open.IssuedLinks[0] with { UsedAt = decidedAt }],
            Conclusion = new ApprovalTaskConclusion(ApprovalTaskConclusionKind.Decided, "张主任", "同意", decidedAt),
        };
        var replay = ApprovalLinkGate.ResolvePost(_tokens.Verify(link.Token, Now.AddHours(2)), decided, _tokens, formToken);
        Assert.Equal(ApprovalLinkPageKind.AlreadyDecided, replay.Kind);
        Assert.Equal(("张主任", decidedAt), (replay.Conclusion!.ByName, replay.Conclusion.At));
    }

    [Fact]
    public void Post_without_the_pages_anti_forgery_value_is_rejected()
    {
        var (link, task) = Issued();
        Assert.Equal(ApprovalLinkPageKind.FormRejected, ApprovalLinkGate.ResolvePost(_tokens.Verify(link.Token, Now), task, _tokens, null).Kind);
        var other = _tokens.Issue("rel-1-L1-R1", "district-chief", Now, Now.AddDays(1)).Claims;
        Assert.Equal(ApprovalLinkPageKind.FormRejected,
            ApprovalLinkGate.ResolvePost(_tokens.Verify(link.Token, Now), task, _tokens, _tokens.CreateFormToken(other)).Kind);
    }

    [Fact]
    public void Withdrawn_expired_and_unrecorded_links_get_their_own_pages()
    {
        var (link, open) = Issued();
        var verification = _tokens.Verify(link.Token, Now);
        var withdrawn = open with
        {
            Status = ApprovalTaskStatus.Closed,
            Conclusion = new ApprovalTaskConclusion(ApprovalTaskConclusionKind.Withdrawn, "接线员小李", null, Now),
        };
        Assert.Equal(ApprovalLinkPageKind.Superseded, ApprovalLinkGate.Resolve(verification, withdrawn).Kind);
        var expiredTask = withdrawn with { Conclusion = withdrawn.Conclusion! with { Kind = ApprovalTaskConclusionKind.Expired, ByName = null } };
        Assert.Equal(ApprovalLinkPageKind.Expired, ApprovalLinkGate.Resolve(verification, expiredTask).Kind);
        Assert.Equal(ApprovalLinkPageKind.Expired, ApprovalLinkGate.Resolve(_tokens.Verify(link.Token, Now.AddDays(15)), open).Kind);

        var unrecorded = open with { IssuedLinks = [] };
        var state = ApprovalLinkGate.Resolve(verification, unrecorded);
        Assert.Equal((ApprovalLinkPageKind.Invalid, ApprovalLinkOutcome.WrongBinding), (state.Kind, state.Problem));
        Assert.Equal(ApprovalLinkPageKind.Invalid, ApprovalLinkGate.Resolve(verification, null).Kind);

        var tampered = ApprovalLinkGate.Resolve(_tokens.Verify(link.Token[..^2] + "AA", Now), open);
        Assert.Equal((ApprovalLinkPageKind.Invalid, ApprovalLinkOutcome.Tampered), (tampered.Kind, tampered.Problem));
    }

    [Fact]
    public void A_decided_task_says_so_even_after_the_link_expired()
    {
        var (link, open) = Issued();
        var decided = open with
        {
            Status = ApprovalTaskStatus.Decided,
            Conclusion = new ApprovalTaskConclusion(ApprovalTaskConclusionKind.Decided, "李副主任", "驳回", Now),
        };
        Assert.Equal(ApprovalLinkPageKind.AlreadyDecided, ApprovalLinkGate.Resolve(_tokens.Verify(link.Token, Now.AddDays(30)), decided).Kind);
    }
}
