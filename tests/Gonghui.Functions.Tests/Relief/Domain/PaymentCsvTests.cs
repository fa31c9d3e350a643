using Gonghui.Functions.Money;
using static Gonghui.Functions.Tests.Relief.Domain.WeekendWorkingDays;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Domain;

public class PaymentCsvTests
{
    private static PaymentInstruction Payment(string applicationId, string amount = "4800.00", string payee = "王小红", string bank = "中国工商银行北京朝阳支行") => new()
    {
        PaymentId = applicationId,
        ApplicationId = applicationId,
        Budget = new BudgetKey("hardship", "110105", 2026),
        ProgramName = "困难职工帮扶",
        Payee = new PayeeAccount(payee, "6222020200112233445", bank),
        Amount = Yuan.Parse(amount),
        ApprovedAt = Cst(2026, 11, 20, 11, 0),
        InstructedOn = new DateOnly(2026, 11, 20),
    };

    private static (int Count, string[] Lines) Write(params PaymentInstruction[] payments)
    {
        using var writer = new StringWriter();
        var count = PaymentCsv.Write(writer, payments);
        return (count, writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void One_row_per_payment_with_yuan_amounts_and_china_time()
    {
        var (count, lines) = Write(Payment("rel-2", "120.5"), Payment("rel-1"));
        Assert.Equal(2, count);
        Assert.Equal("payment_id,application_id,program,region_code,budget_year,payee_name,bank_name,account_number,amount,currency,purpose,approved_at,instructed_on", lines[0]);
        Assert.Equal("rel-1,rel-1,hardship,110105,2026,王小红,中国工商银行北京朝阳支行,6222020200112233445,4800.00,CNY,困难职工帮扶 rel-1,2026-11-20T11:00:00+08:00,2026-11-20", lines[1]);
        Assert.StartsWith("rel-2,", lines[2]);
        Assert.Contains(",120.50,CNY,", lines[2]);
    }

    [Fact]
    public void The_same_payment_listed_twice_is_written_once()
    {
        var (count, lines) = Write(Payment("rel-1"), Payment("rel-1"), Payment("rel-3"));
        Assert.Equal(2, count);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void The_same_payment_id_with_different_content_is_refused()
    {
        using var writer = new StringWriter();
        Assert.Throws<InvalidOperationException>(() => PaymentCsv.Write(writer, [Payment("rel-1"), Payment("rel-1", "4800.01")]));
        Assert.Equal("", writer.ToString());
    }

    [Fact]
    public void Formulas_are_escaped_and_separators_quoted()
    {
        var (_, lines) = Write(Payment("rel-1", payee: "=HYPERLINK(\"http://x\")", bank: "银行,支行"));
        Assert.DoesNotContain(",=HYPERLINK", lines[1]);
        Assert.Contains("\"银行,支行\"", lines[1]);
    }

    [Fact]
    public void Instruction_is_made_from_an_approved_application_only()
    {
        var state = ReliefSamples.AwaitingDecision();
        Assert.Throws<InvalidOperationException>(() => PaymentInstruction.Create(state, ReliefSamples.Details(), ReliefSamples.Friday));
        var approvedAt = Cst(2026, 11, 20, 23, 30);
        state = ReliefApprovalWorkflow.Decide(state, new ApprovalDecision("rel-1-L1-R1", "a1", ApprovalDecisionKind.Approve, null, approvedAt)).State;

        var payment = PaymentInstruction.Create(state, ReliefSamples.Details(), approvedAt.AddMinutes(45));
        Assert.Equal(("rel-1", Yuan.Parse("4800.00"), approvedAt), (payment.PaymentId, payment.Amount, payment.ApprovedAt));
        Assert.Equal(new DateOnly(2026, 11, 21), payment.InstructedOn);
        Assert.Equal(new BudgetKey("hardship", "110105", 2026), payment.Budget);
    }
}
