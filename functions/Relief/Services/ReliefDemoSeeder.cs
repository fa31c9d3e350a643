using Gonghui.Functions.Approvals;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Stores;

namespace Gonghui.Functions.Relief.Services;

/// <summary>
/// With Gonghui:Relief:SeedDemo (run.sh sets it): a hardship budget for Chaoyang district (110105), approvers for its
/// district, city and province, and one application waiting for the district approver, whose e-mail lands in
/// maildev. Idempotent (fixed ids, existing budgets kept) and through the same code paths as the API. Starting an
/// orchestration takes a function's durable client, which a hosted service has not: the seeder asks for the
/// application on the <see cref="QueueName"/> queue and <see cref="ReliefDemoSubmitFunction"/> submits it.
/// </summary>
internal sealed class ReliefDemoSeeder(IConfiguration configuration, BudgetStore budgets, ReliefDirectory directory,
    QueueServiceClient queues, TimeProvider clock, ILogger<ReliefDemoSeeder> logger) : BackgroundService
{
    public const string QueueName = "relief-demo";
    public const string DemoApplicationId = "rel-demo-0001";
    public const string DemoUnit = "朝阳区总工会";
    public const string DemoRegion = "110105";
    public const string Setting = "Gonghui:Relief:SeedDemo";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Read apart from the other relief settings: an app without relief settings must still start.
        if (!configuration.GetValue(Setting, false)) return;
        // Storage may still be starting next to the app (run.sh starts both): retry until it answers.
        for (var delay = TimeSpan.FromMilliseconds(250); !stoppingToken.IsCancellationRequested; delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 5)))
        {
            try
            {
                await SeedAsync(stoppingToken);
                logger.LogInformation("Relief demo: budgets and approvers are set; application {ApplicationId} is on its way", DemoApplicationId);
                return;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or IOException)
            {
                logger.LogInformation("Relief demo seeding waits for storage ({Message})", ex.Message);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var year = ChinaStandardTime.ToLocalDate(clock.GetUtcNow()).Year;
        foreach (var program in ReliefProgramDefaults.All)
        {
            var key = new BudgetKey(program.Code, DemoRegion, year);
            if (await budgets.GetAsync(key, cancellationToken) is null)
                await budgets.SetBudgetAsync(key, Money.Yuan.FromWholeYuan(500_000), cancellationToken);
        }
        // The district approver is the development approver key's name, so the approver API works with that key too.
        await directory.SetApproversAsync(ApprovalLevel.District, DemoRegion, new LevelApprovers(
            new Approver("development approver", "王主任", "district.chief@gonghui.local"),
            new Approver("district-deputy", "赵副主任", "district.deputy@gonghui.local")), cancellationToken);
        await directory.SetApproversAsync(ApprovalLevel.City, ApprovalLevel.City.RegionCodeFor(DemoRegion), new LevelApprovers(
            new Approver("city-chief", "孙处长", "city.chief@gonghui.local"),
            new Approver("city-deputy", "周副处长", "city.deputy@gonghui.local")), cancellationToken);
        await directory.SetApproversAsync(ApprovalLevel.Province, ApprovalLevel.Province.RegionCodeFor(DemoRegion), new LevelApprovers(
            new Approver("province-chief", "吴部长", "province.chief@gonghui.local"),
            new Approver("province-deputy", "郑副部长", "province.deputy@gonghui.local")), cancellationToken);
        await directory.SetUnitAsync(DemoUnit, new UnitContact(DemoUnit, "chaoyang.union@gonghui.local"), cancellationToken);
        await queues.GetQueueClient(QueueName).SendMessageAsync(DemoApplicationId, cancellationToken);
    }

    internal static readonly ReliefApplicationRequest DemoRequest = new()
    {
        ProgramCode = ReliefProgramDefaults.Hardship,
        Applicant = new ApplicantRequest
        {
            MemberId = "M-2026-000123",
            Name = "刘建国",
            NationalId = "11010519491231002X",
            RegionCode = DemoRegion,
            Employer = "北京市朝阳区某机械厂",
            Phone = "13812345678",
        },
        HouseholdSize = 3,
        MonthlyIncomePerPerson = "900.00",
        MinimumLivingLine = "1450.00",
        Reason = "illness",
        Description = "家庭主要劳动力患重病住院，医疗支出较大。",
        RequestedAmount = "8000.00",
        Documents = [new SupportingDocumentRequest { Name = "住院证明", Reference = "doc-1" }],
        PayeeAccount = new PayeeAccountRequest { AccountName = "刘建国", AccountNumber = "6222020200112233445", BankName = "中国工商银行北京朝阳支行" },
    };
}
