namespace Gonghui.Functions.Durable;

/// <summary>
/// Decisions that reached an orchestration before it opened their task, held until it does. An activity saves the
/// state it carries a step to (what a decision is checked against) before its orchestration records the step. When
/// the app process dies after the engine has sent the activity and before it recorded the step, the activity still
/// runs and opens the next task, and a decision on that task can arrive before the orchestration replays the event
/// that leads there. The workflow would refuse it (its task is not the open one) and the decision would wait for the
/// task's first deadline; held here, it is taken as soon as its task opens.
/// </summary>
public sealed class EarlyDecisions<TAction>
    where TAction : class
{
    private readonly List<(string TaskId, TAction Action)> _held = [];

    /// <summary>
    /// Holds <paramref name="action"/> when it decides a task (<paramref name="taskId"/>) that is not among the tasks
    /// the orchestration has opened so far; true when it did.
    /// </summary>
    public bool TryHold(TAction action, string? taskId, IEnumerable<string?> openedTaskIds)
    {
        if (taskId is null || openedTaskIds.Contains(taskId)) return false;
        _held.Add((taskId, action));
        return true;
    }

    /// <summary>The first decision held for <paramref name="openTaskId"/>, taken out; null when none is (or no task is open).</summary>
    public TAction? TakeFor(string? openTaskId)
    {
        var index = openTaskId is null ? -1 : _held.FindIndex(held => held.TaskId == openTaskId);
        if (index < 0) return null;
        var action = _held[index].Action;
        _held.RemoveAt(index);
        return action;
    }
}
