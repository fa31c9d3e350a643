using System.Globalization;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Calendar;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>Who a step waits on (no e-mail addresses: the status is shown to applicants' units too).</summary>
public sealed record WaitingOn(string Id, string Name);

/// <summary>
/// The application's current step for the custom status and GET /api/relief/applications/{id}:
/// what it is, who it waits on, until when, and one Simplified Chinese sentence saying so.
/// </summary>
public sealed record ReliefStatusView(
    ReliefApplicationStatus Status,
    ApprovalLevel? Level,
    int? LevelNumber,
    int LevelCount,
    IReadOnlyList<WaitingOn> WaitingOn,
    DateTimeOffset? Until,
    string Sentence)
{
    public static ReliefStatusView Describe(ReliefApprovalState state)
    {
        var levelCount = state.Levels.Count;
        var position = string.Create(CultureInfo.InvariantCulture, $"第 {state.LevelIndex + 1}/{levelCount} 级");
        var last = state.History[^1];
        switch (state.Status)
        {
            case ReliefApplicationStatus.AwaitingDecision:
            {
                var task = state.Task!;
                var deciders = task.Deciders.Select(a => new WaitingOn(a.Id, a.Name)).ToList();
                var who = task.EscalatedAt is null
                    ? $"{task.Level.ChineseName()}审批人{task.Approver.Name}"
                    : $"{task.Level.ChineseName()}审批人{task.Approver.Name}或副职审批人{task.Deputy.Name}（已于 {ChinaStandardTime.Format(task.EscalatedAt.Value)} 转办）";
                return new(state.Status, task.Level, state.LevelIndex + 1, levelCount, deciders, task.ExpiresAt,
                    $"等待{who}审批（{position}），{ChinaStandardTime.Format(task.ExpiresAt)} 前未处理将超时退回。");
            }
            case ReliefApplicationStatus.Routing:
                return At(state, $"正在分派{state.CurrentLevel.ChineseName()}审批人（{position}）。");
            case ReliefApplicationStatus.Returned when last.Kind == ReliefEventKind.Expired:
                return At(state, $"{last.Comment}预算预留已释放，经办单位可重新提交。");
            case ReliefApplicationStatus.Returned:
                return At(state, string.Create(CultureInfo.InvariantCulture,
                    $"已被{last.Level?.ChineseName()}审批人{last.ActorName}退回补充材料（第 {state.ReturnCount}/{state.MaxReturns} 次退回），意见：“{last.Comment}”。等待经办单位补充后重新提交。"));
            default:
                return new(state.Status, null, null, levelCount, [], null, state.Status switch
                {
                    ReliefApplicationStatus.Submitted => "已提交，正在审核申请条件。",
                    ReliefApplicationStatus.Reserving => "符合申请条件，正在预留预算。",
                    ReliefApplicationStatus.Refused => $"未予受理：{state.Refusal!.Message}",
                    ReliefApplicationStatus.Approved => "已全部审批通过，正在生成付款指令。",
                    ReliefApplicationStatus.Paid => $"已审批通过，付款指令已生成（{state.Amount.ToDisplayString()}）。",
                    ReliefApplicationStatus.Rejected => $"已被{last.Level?.ChineseName()}审批人{last.ActorName}于 {ChinaStandardTime.Format(last.At)} 驳回，意见：“{last.Comment}”。",
                    ReliefApplicationStatus.Withdrawn => $"已由{last.ActorName}于 {ChinaStandardTime.Format(last.At)} 撤回。",
                    _ => throw new InvalidOperationException(state.Status.ToString()),
                });
        }
    }

    private static ReliefStatusView At(ReliefApprovalState state, string sentence) =>
        new(state.Status, state.CurrentLevel, state.LevelIndex + 1, state.Levels.Count, [], null, sentence);
}
