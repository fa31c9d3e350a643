using Gonghui.Functions.Money;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Domain;

/// <summary>Valid sample data; tests change one thing at a time with `with`.</summary>
internal static class ReliefSamples
{
    public const string NationalIdValue = "11010519491231002X";
    public const string PhoneValue = "13812345678";
    public static readonly DateOnly Today = new(2026, 11, 21);

    public static readonly DateTimeOffset Friday = WeekendWorkingDays.Cst(2026, 11, 20, 10, 0);
    public static readonly Approver Chief = new("a1", "张主任", "a1@example.cn");
    public static readonly Approver Deputy = new("d1", "李副主任", "d1@example.cn");

    /// <summary>An application submitted, found eligible and funded on <see cref="Friday"/>, waiting on <see cref="Chief"/> at district level.</summary>
    public static ReliefApprovalState AwaitingDecision(ReliefApplicationDetails? details = null)
    {
        var state = Submit("rel-1", details ?? Details(), Program("hardship"), "op", "接线员", Friday).State;
        state = ReliefApprovalWorkflow.RecordEligibility(state, EligibilityDecision.Eligible(false), Friday).State;
        state = ReliefApprovalWorkflow.RecordReservation(state, BudgetOutcome.Applied, Friday).State;
        return ReliefApprovalWorkflow.OpenTask(state, "rel-1-L1-R1", Chief, Deputy, Friday,
            ApprovalTaskDeadlines.After(Friday, state.Timing, WeekendWorkingDays.Adder())).State;
    }

    /// <summary><see cref="ReliefApprovalWorkflow.Submit"/> for an application with these details.</summary>
    public static WorkflowStep Submit(string applicationId, ReliefApplicationDetails details, ReliefProgram program, string byId, string byName,
        DateTimeOffset at) =>
        ReliefApprovalWorkflow.Submit(applicationId, details.Applicant.RegionCode, details.RequestedAmount, program, byId, byName, at);

    public static ReliefProgram Program(string code) => ReliefProgramDefaults.All.Single(p => p.Code == code);

    public static ReliefApplicationRequest Request() => new()
    {
        ProgramCode = "hardship",
        Applicant = new ApplicantRequest
        {
            MemberId = "M-0001",
            Name = "王小红",
            NationalId = NationalIdValue,
            RegionCode = "110105",
            Employer = "北京某机械厂",
            Phone = PhoneValue,
        },
        HouseholdSize = 3,
        MonthlyIncomePerPerson = "1500.00",
        MinimumLivingLine = "1395.00",
        Reason = "illness",
        Description = "丈夫患病住院，家庭收入骤减。",
        RequestedAmount = "4800.00",
        Documents = [new SupportingDocumentRequest { Name = "诊断证明", Reference = "doc-17" }],
        PayeeAccount = new PayeeAccountRequest { AccountName = "王小红", AccountNumber = "6222020200112233445", BankName = "中国工商银行北京朝阳支行" },
        SourceTicketId = "T2026112100042",
    };

    public static ReliefApplicationDetails Details(string programCode = "hardship", string amount = "4800.00", string income = "1500.00") =>
        new()
        {
            ProgramCode = programCode,
            Applicant = new Applicant("M-0001", "王小红", NationalIdValue, "110105", "北京某机械厂", PhoneValue),
            HouseholdSize = 3,
            MonthlyIncomePerPerson = Yuan.Parse(income),
            MinimumLivingLine = Yuan.Parse("1395.00"),
            Reason = ReliefReason.Illness,
            Description = "丈夫患病住院，家庭收入骤减。",
            RequestedAmount = Yuan.Parse(amount),
            Documents = [new SupportingDocument("诊断证明", "doc-17")],
            PayeeAccount = new PayeeAccount("王小红", "6222020200112233445", "中国工商银行北京朝阳支行"),
            SourceTicketId = "T2026112100042",
        };
}
