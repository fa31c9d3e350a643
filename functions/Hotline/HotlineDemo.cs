using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Hotline.Services;
using Gonghui.Functions.Hotline.Stores;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Hotline;

/// <summary>
/// A dozen demo tickets in different states, made through the same paths as real ones (intake with an idempotency
/// key, then commands), so running it again finds its tickets and changes nothing.
/// </summary>
public sealed class HotlineDemo(HotlineTickets tickets, ReferenceDataStore reference, ILogger<HotlineDemo> logger)
{
    private static readonly Actor Seeder = new("demo-seed", HotlineRole.Operator | HotlineRole.Supervisor, null);

    private static readonly (string Key, TicketIntakeRequest Intake, string[] Steps)[] Tickets =
    [
        ("demo-01", Request("王芳", "13800000001", "consultation", "370102", "社保缴费基数咨询", "询问今年社保缴费基数如何确定。"), []),
        ("demo-02", Request("李强", "13800000002", "rights", "370103", "单位拖欠工资", "公司已拖欠三个月工资，请求工会帮助维权。"), ["accept"]),
        ("demo-03", Request("张敏", "13800000003", "legal_aid", "370112", "劳动合同纠纷法律援助", "被单位违法解除劳动合同，申请法律援助。"), ["accept", "progress"]),
        ("demo-04", Request("刘洋", "13800000004", "hardship", "370104", "家庭困难申请帮扶", "家人重病，家庭生活困难，申请帮扶。"), ["accept", "wait-on-caller"]),
        ("demo-05", Request("陈静", "13800000005", "consultation", "370105", "工伤认定流程", "询问工伤认定需要哪些材料。"), ["accept", "resolve"]),
        ("demo-06", Request("杨磊", "13800000006", "complaint", "370113", "投诉食堂卫生", "单位食堂卫生条件差，多次反映无果。"), ["accept", "resolve"]),
        ("demo-07", Request("赵丽", "13800000007", "suggestion", "370114", "建议增设职工书屋", "建议在园区增设职工书屋。"), ["accept", "resolve", "callback-reached"]),
        ("demo-08", Request("黄勇", "13800000008", "consultation", "370102", "加班费计算", "询问节假日加班费如何计算。"), ["accept", "resolve", "callback-reached"]),
        ("demo-09", Request("周婷", "13800000009", "rights", "370103", "未签劳动合同", "入职半年单位仍未签订劳动合同。"), ["accept", "resolve", "reopen"]),
        ("demo-10", Request("吴刚", "13800000010", "rights", "370104", "调岗降薪争议", "单位单方面调岗降薪。"), ["transfer"]),
        ("demo-11", Request("徐娟", "13800000011", "consultation", "370105", "年休假天数", "询问带薪年休假天数规定。", urgency: "urgent"), ["accept"]),
        ("demo-12", Request("王芳", "13800000001", "consultation", "370102", "社保缴费基数咨询（重复来电）", "再次来电询问社保缴费基数。"), ["merge:demo-01"]),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var opened = new Dictionary<string, string>();
        foreach (var (key, intake, steps) in Tickets)
        {
            var outcome = await tickets.OpenAsync(intake, key, Seeder, cancellationToken);
            if (outcome.Ticket is not { } ticket)
            {
                throw new InvalidOperationException($"Demo ticket {key} is invalid: {string.Join(", ", outcome.Errors.Select(e => e.Code))}");
            }

            opened[key] = ticket.Id;
            var history = await tickets.GetHistoryAsync(ticket.Id, cancellationToken);
            if (history.Any(entry => entry.ActorId == Seeder.Id && entry.Action != "receive"))
            {
                continue;
            }

            await EnsureAssignedAsync(ticket, cancellationToken);
            foreach (var step in steps)
            {
                var applied = await tickets.ApplyAsync(ticket.Id, await CommandAsync(step, opened, cancellationToken), Seeder, null, cancellationToken);
                if (applied.Rejection is { } rejection)
                {
                    logger.LogWarning("Demo ticket {Key}: {Step} refused ({Code})", key, step, rejection.Code);
                }
            }
        }

        logger.LogInformation("Hotline demo: {Count} tickets", opened.Count);
    }

    // Routing assigns new tickets from the queue; the demo assigns at once so its next steps find the ticket assigned.
    private async Task EnsureAssignedAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var data = await reference.GetAsync(cancellationToken);
        if (data.Routing.Route(ticket.RegionCode, ticket.Category) is { } decision)
        {
            await tickets.ApplyAsync(ticket.Id, new TicketCommand.Assign(decision.Unit), Actor.System, null, cancellationToken);
        }
    }

    private async Task<TicketCommand> CommandAsync(string step, Dictionary<string, string> opened, CancellationToken cancellationToken)
    {
        var data = await reference.GetAsync(cancellationToken);
        return step switch
        {
            "accept" => new TicketCommand.Accept(),
            "progress" => new TicketCommand.Progress("已联系当事人，正在收集证据材料。"),
            "wait-on-caller" => new TicketCommand.WaitOnCaller("等待来电人补充病历和收入证明。"),
            "resolve" => new TicketCommand.Resolve("已向来电人详细解答并提供相关政策文件。"),
            "callback-reached" => new TicketCommand.Callback(true, 5, "来电人表示满意。"),
            "reopen" => new TicketCommand.Reopen("来电人反映问题未解决，单位仍未签订合同。"),
            "transfer" => new TicketCommand.Transfer(data.Routing.FindUnit("370100-union")!, "涉及多个区县，转市总工会统一协调。"),
            _ when step.StartsWith("merge:", StringComparison.Ordinal) =>
                new TicketCommand.Merge((await tickets.GetAsync(opened[step[6..]], cancellationToken))!.Ticket, "同一来电人重复反映同一问题。"),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
        };
    }

    private static TicketIntakeRequest Request(string name, string phone, string category, string region, string subject, string description,
        string urgency = "normal") =>
        new(name, phone, category, region, subject, description, "phone", urgency, null, null, true);
}
