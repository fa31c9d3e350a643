using Gonghui.Functions.Approvals;
using static Gonghui.Functions.Tests.Relief.Domain.WeekendWorkingDays;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Domain;

/// <summary>The GET and POST of an approval link, end to end over the pure parts.</summary>
public class ReliefApprovalLinkTests
{
    private static readonly DateTimeOffset Friday = ReliefSamples.Friday;
    private readonly ApprovalLinkTokens _tokens = new(new ApprovalLinkKeyRing([new ApprovalLinkKey("k1", new byte[32])], "k1"));

    private static ReliefApprovalState Waiting() => ReliefSamples.AwaitingDecision();

    [Fact]
    public void Get_renders_the_page_and_post_with_its_form_token_decides()
    {
        var state = Waiting();
        var link = _tokens.Issue(state.Task!.TaskId, "a1", Friday, state.Task.ExpiresAt);
        var task = new ApprovalTaskSnapshot(state.Task.TaskId, ApprovalTaskStatus.Open, [new IssuedLinkRecord(link.Claims.Nonce, "a1", Friday)], null);

        var get = ApprovalLinkGate.Resolve(_tokens.Verify(link.Token, Friday.AddHours(1)), task);
        Assert.Equal(ApprovalLinkPageKind.Confirm, get.Kind);
        var model = ReliefApprovalLink.ConfirmationModel(state, ReliefSamples.Details(), get.Claims!, _tokens, $"/api/approvals/{link.Token}", p => "***");
        Assert.Equal(("张主任", 3), (model.ApproverName, model.ReturnsLeft));
        var page = ApprovalPages.Confirmation(model);
        Assert.Contains($"value=\"{model.FormToken}\"", page);

        var post = ApprovalLinkGate.ResolvePost(_tokens.Verify(link.Token, Friday.AddHours(2)), task, _tokens, model.FormToken);
        Assert.Equal(ApprovalLinkPageKind.Confirm, post.Kind);
        var decision = ReliefApprovalLink.ReadDecision(post.Claims!, "reject", "", Friday.AddHours(2)).Value!;
        Assert.Equal(ReliefApprovalWorkflow.CommentRequired, ReliefApprovalWorkflow.CheckDecision(state, decision)!.Code);
        decision = decision with { Comment = "材料不全" };
        Assert.Null(ReliefApprovalWorkflow.CheckDecision(state, decision));
        Assert.Equal(ReliefApplicationStatus.Rejected, ReliefApprovalWorkflow.Decide(state, decision).State.Status);
    }

    [Fact]
    public void Unknown_decision_in_the_form_is_a_field_error()
    {
        var claims = _tokens.Issue("rel-1-L1-R1", "a1", Friday, Friday.AddDays(1)).Claims;
        var result = ReliefApprovalLink.ReadDecision(claims, "approve-all", null, Friday);
        Assert.Equal(("decision", "invalid_decision"), (result.Errors[0].Field, result.Errors[0].Code));
    }

    [Fact]
    public void Deputys_link_is_accepted_after_escalation()
    {
        var state = Waiting();
        var escalated = ReliefApprovalWorkflow.TimerFired(state, "rel-1-L1-R1", Cst(2026, 11, 27, 10, 0)).State;
        var claims = _tokens.Issue("rel-1-L1-R1", "d1", Cst(2026, 11, 27, 10, 0), escalated.Task!.ExpiresAt).Claims;
        Assert.Equal("李副主任", ReliefApprovalLink.ConfirmationModel(escalated, ReliefSamples.Details(), claims, _tokens, "/api/approvals/x", p => "***").ApproverName);
        var decision = ReliefApprovalLink.ReadDecision(claims, "approve", null, Cst(2026, 11, 27, 11, 0)).Value!;
        Assert.Equal(ReliefApprovalWorkflow.NotAnApprover, ReliefApprovalWorkflow.CheckDecision(state, decision)!.Code);
        Assert.Null(ReliefApprovalWorkflow.CheckDecision(escalated, decision));
    }

    [Fact]
    public void Task_conclusions_name_who_closed_it_and_when()
    {
        var state = Waiting();
        var at = Friday.AddHours(3);
        var decision = new ApprovalDecision("rel-1-L1-R1", "a1", ApprovalDecisionKind.Return, "补充收入证明", at);
        Assert.Equal(new ApprovalTaskConclusion(ApprovalTaskConclusionKind.Decided, "张主任", "退回补充材料", at),
            ReliefApprovalLink.Conclusion(state, decision));
        var returned = ReliefApprovalWorkflow.Decide(state, decision).State;
        Assert.Equal(ReliefApprovalLink.Conclusion(state, decision), ReliefApprovalLink.Conclusion(returned.History[^1]));

        var withdrawn = ReliefApprovalWorkflow.Withdraw(state, "op", "接线员小李", null, at).State;
        Assert.Equal(new ApprovalTaskConclusion(ApprovalTaskConclusionKind.Withdrawn, "接线员小李", null, at),
            ReliefApprovalLink.Conclusion(withdrawn.History[^1]));
        var expired = ReliefApprovalWorkflow.TimerFired(state, "rel-1-L1-R1", state.Task!.ExpiresAt).State;
        Assert.Equal(ApprovalTaskConclusionKind.Expired, ReliefApprovalLink.Conclusion(expired.History[^1]).Kind);
    }
}
