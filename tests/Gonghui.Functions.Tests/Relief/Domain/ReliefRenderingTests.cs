using Gonghui.Functions.Approvals;
using static Gonghui.Functions.Tests.Relief.Domain.WeekendWorkingDays;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Domain;

/// <summary>Pages and e-mails of a relief approval: Chinese, masked, encoded.</summary>
public class ReliefRenderingTests
{
    private const string Hostile = "<script>alert('x')</script>\"onmouseover=\"steal()";
    private static readonly DateTimeOffset Friday = ReliefSamples.Friday;
    private static readonly Func<string, string> MaskPhone = phone => string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(phone.Length - 4));

    private static ReliefApplicationDetails HostileDetails() => ReliefSamples.Details() with
    {
        Applicant = ReliefSamples.Details().Applicant with { Name = "王<b>小红</b>", Employer = Hostile },
        Description = Hostile + "\n第二行",
        Documents = [new SupportingDocument("<img src=x onerror=alert(1)>", null)],
    };

    private static ReliefApprovalState AwaitingDecision() => ReliefSamples.AwaitingDecision(HostileDetails());

    private static ConfirmationPageModel Confirmation(ReliefApprovalState state, int returnsLeft = 3) => new(
        ReliefCaseSummary.Build(state, HostileDetails(), MaskPhone), ReliefCaseSummary.Step(state), "张主任",
        "/api/approvals/k1.abc.def", "form-token-value", state.Task!.ExpiresAt, returnsLeft, ReliefApprovalWorkflow.MaxCommentLength);

    private static IEnumerable<(string Name, string Text)> EveryRenderedOutput()
    {
        var state = AwaitingDecision();
        var details = HostileDetails();
        var summary = ReliefCaseSummary.Build(state, details, MaskPhone);
        var email = new ApprovalEmailModel("张主任", summary, ReliefCaseSummary.Step(state), "https://gonghui.example.cn/api/approvals/k1.abc.def", state.Task!.ExpiresAt);
        IEnumerable<(string, RenderedEmail)> emails =
        [
            ("request", ApprovalEmails.ApprovalRequest(email)),
            ("reminder", ApprovalEmails.Reminder(email, 2)),
            ("escalation", ApprovalEmails.Escalation(email with { RecipientName = "李副主任" }, "张主任", 5)),
        ];
        var returned = ReliefApprovalWorkflow.Decide(state, new ApprovalDecision("rel-1-L1-R1", "a1", ApprovalDecisionKind.Return, Hostile, Friday.AddHours(1))).State;
        var rejected = ReliefApprovalWorkflow.Decide(state, new ApprovalDecision("rel-1-L1-R1", "a1", ApprovalDecisionKind.Reject, "不符合", Friday.AddHours(1))).State;
        var expired = ReliefApprovalWorkflow.TimerFired(state, "rel-1-L1-R1", Cst(2026, 12, 4, 10, 0)).State;
        var withdrawn = ReliefApprovalWorkflow.Withdraw(state, "op", "接线员", "已获其他救助", Friday).State;
        var approved = ReliefApprovalWorkflow.Decide(state, new ApprovalDecision("rel-1-L1-R1", "a1", ApprovalDecisionKind.Approve, null, Friday)).State;
        var paid = ReliefApprovalWorkflow.RecordPayment(approved, "rel-1", Friday).State;
        foreach (var done in new[] { returned, rejected, expired, withdrawn, paid })
            emails = emails.Append(($"unit-{done.Status}", ReliefUnitNotification.Render(done, done.History[^1], details, "朝阳区总工会")));
        foreach (var (name, rendered) in emails)
        {
            yield return ($"{name} subject", rendered.Subject);
            yield return ($"{name} html", rendered.HtmlBody);
            yield return ($"{name} text", rendered.TextBody);
        }
        yield return ("confirmation", ApprovalPages.Confirmation(Confirmation(returned with { Status = ReliefApplicationStatus.AwaitingDecision, Task = state.Task })));
        yield return ("confirmation with error", ApprovalPages.Confirmation(Confirmation(state), "驳回或退回时须填写意见。"));
    }

    [Fact]
    public void No_full_national_id_phone_or_account_number_in_any_page_or_email()
    {
        foreach (var (name, text) in EveryRenderedOutput())
        {
            Assert.False(text.Contains(ReliefSamples.NationalIdValue, StringComparison.OrdinalIgnoreCase), $"{name} shows the national ID");
            Assert.False(text.Contains("19491231", StringComparison.Ordinal), $"{name} shows the birth date");
            Assert.False(text.Contains(ReliefSamples.PhoneValue, StringComparison.Ordinal), $"{name} shows the phone number");
            Assert.False(text.Contains("6222020200112233445", StringComparison.Ordinal), $"{name} shows the bank account");
        }
    }

    [Fact]
    public void User_input_is_html_encoded_in_every_html_output()
    {
        foreach (var (name, text) in EveryRenderedOutput().Where(o => o.Name.EndsWith("html", StringComparison.Ordinal) || o.Name.StartsWith("confirmation", StringComparison.Ordinal)))
        {
            Assert.False(text.Contains("<script>", StringComparison.OrdinalIgnoreCase), $"{name} has a raw script tag");
            Assert.False(text.Contains("<b>", StringComparison.Ordinal), $"{name} has raw markup from the name");
            Assert.False(text.Contains("<img", StringComparison.Ordinal), $"{name} has raw markup from a document name");
            Assert.False(text.Contains("\"onmouseover", StringComparison.Ordinal), $"{name} lets a quote break out of an attribute");
        }
    }

    [Fact]
    public void Confirmation_page_is_a_post_form_to_the_same_url_with_anti_forgery_and_masked_data()
    {
        var page = ApprovalPages.Confirmation(Confirmation(AwaitingDecision()));
        Assert.Contains("<form method=\"post\" action=\"/api/approvals/k1.abc.def\">", page);
        Assert.Contains("<input type=\"hidden\" name=\"formToken\" value=\"form-token-value\">", page);
        Assert.Contains("name=\"decision\" value=\"approve\">同意</button>", page);
        Assert.Contains("name=\"decision\" value=\"reject\">驳回</button>", page);
        Assert.Contains("name=\"decision\" value=\"return\">退回补充材料</button>", page);
        Assert.Contains("<textarea id=\"comment\" name=\"comment\" maxlength=\"1000\">", page);
        Assert.Contains("name=\"viewport\"", page);
        Assert.Contains("<meta name=\"referrer\" content=\"same-origin\">", page);
        Assert.Contains("110105********002X", page);
        Assert.Contains("138****5678", page);
        Assert.Contains("4,800.00 元", page);
        Assert.Contains("第 1/1 级：区县工会审批", page);
        Assert.Contains("2026年12月4日 10:00 前有效", page);
        Assert.Contains("&lt;script&gt;", page);
        Assert.DoesNotContain("<script", page);
    }

    [Fact]
    public void Confirmation_page_hides_return_when_no_returns_are_left()
    {
        var page = ApprovalPages.Confirmation(Confirmation(AwaitingDecision(), returnsLeft: 0));
        Assert.DoesNotContain("value=\"return\"", page);
        Assert.Contains("退回次数已用完", page);
    }

    [Fact]
    public void Approval_email_carries_the_link_masked_data_and_says_get_decides_nothing()
    {
        var state = AwaitingDecision();
        var email = ApprovalEmails.ApprovalRequest(new ApprovalEmailModel("张主任", ReliefCaseSummary.Build(state, HostileDetails(), MaskPhone),
            ReliefCaseSummary.Step(state), "https://gonghui.example.cn/api/approvals/k1.abc.def?x=1&y=2", state.Task!.ExpiresAt));
        Assert.Equal("【待审批】困难职工帮扶申请 rel-1", email.Subject);
        Assert.Contains("href=\"https://gonghui.example.cn/api/approvals/k1.abc.def?x=1&amp;y=2\"", email.HtmlBody);
        Assert.Contains("https://gonghui.example.cn/api/approvals/k1.abc.def?x=1&y=2", email.TextBody);
        Assert.Contains("身份证号：110105********002X", email.TextBody);
        Assert.Contains("需在页面上点击按钮才会提交决定", email.TextBody);
    }

    [Fact]
    public void Escalation_and_reminder_say_why_they_were_sent()
    {
        var state = AwaitingDecision();
        var model = new ApprovalEmailModel("李副主任", ReliefCaseSummary.Build(state, HostileDetails(), MaskPhone), ReliefCaseSummary.Step(state), "https://x/api/approvals/t", state.Task!.ExpiresAt);
        Assert.Contains("已等待您审批 2 个工作日", ApprovalEmails.Reminder(model, 2).TextBody);
        var escalation = ApprovalEmails.Escalation(model, "张主任", 5);
        Assert.StartsWith("【转办】", escalation.Subject);
        Assert.Contains("已 5 个工作日未经审批人张主任处理", escalation.TextBody);
    }

    [Fact]
    public void Used_expired_tampered_and_superseded_links_say_what_happened_and_who_decided_when()
    {
        var at = Cst(2026, 11, 21, 9, 30);
        var decided = ApprovalPages.ForState(new ApprovalLinkState(ApprovalLinkPageKind.AlreadyDecided,
            Conclusion: new ApprovalTaskConclusion(ApprovalTaskConclusionKind.Decided, "李副主任", "驳回", at)));
        Assert.Contains("已由李副主任于 2026年11月21日 09:30 作出决定：驳回", decided);

        var superseded = ApprovalPages.ForState(new ApprovalLinkState(ApprovalLinkPageKind.Superseded,
            Conclusion: new ApprovalTaskConclusion(ApprovalTaskConclusionKind.Withdrawn, "接线员小李", null, at)));
        Assert.Contains("已由接线员小李于 2026年11月21日 09:30 撤回", superseded);

        Assert.Contains("因超时未处理而结束", ApprovalPages.ForState(new ApprovalLinkState(ApprovalLinkPageKind.Expired,
            Conclusion: new ApprovalTaskConclusion(ApprovalTaskConclusionKind.Expired, null, null, at))));
        Assert.Contains("已被改动", ApprovalPages.ForState(new ApprovalLinkState(ApprovalLinkPageKind.Invalid, Problem: ApprovalLinkOutcome.Tampered)));
        Assert.Contains("不是发给您的", ApprovalPages.ForState(new ApprovalLinkState(ApprovalLinkPageKind.Invalid, Problem: ApprovalLinkOutcome.WrongBinding)));
        Assert.Contains("安全校验", ApprovalPages.ForState(new ApprovalLinkState(ApprovalLinkPageKind.FormRejected)));
        Assert.Contains("“驳回”已于 2026年11月21日 09:30 记录", ApprovalPages.DecisionRecorded(
            new ApprovalTaskConclusion(ApprovalTaskConclusionKind.Decided, "李副主任", "驳回", at), "rel-1"));
    }

    [Fact]
    public void Unit_is_told_the_outcome_with_the_approvers_comment()
    {
        var state = AwaitingDecision();
        var rejected = ReliefApprovalWorkflow.Decide(state, new ApprovalDecision("rel-1-L1-R1", "a1", ApprovalDecisionKind.Reject, "收入证明与实际不符", Friday.AddHours(1))).State;
        var email = ReliefUnitNotification.Render(rejected, rejected.History[^1], HostileDetails(), "朝阳区总工会");
        Assert.Equal("【帮扶救助】困难职工帮扶申请 rel-1 未获批准", email.Subject);
        Assert.Contains("区县工会审批人张主任于 2026年11月20日 11:00 驳回，意见：收入证明与实际不符", email.TextBody);
        Assert.StartsWith("朝阳区总工会：", email.TextBody);
    }
}
