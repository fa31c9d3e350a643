using Microsoft.DurableTask;

namespace Gonghui.Functions.Durable;

/// <summary>How a waiting orchestration waits: for the action it expects, or its next deadline, whichever comes first.</summary>
public static class ActionOrDeadline
{
    /// <summary>
    /// The action, or null when the durable timer at <paramref name="deadline"/> fired first (the timer is cancelled
    /// when the action wins, so the instance does not wait on it). Without a deadline, the action.
    /// </summary>
    public static async Task<TAction?> WaitAsync<TAction>(TaskOrchestrationContext context, Task<TAction> action, DateTimeOffset? deadline)
        where TAction : class
    {
        if (deadline is not { } at) return await action;
        using var cancelTimer = new CancellationTokenSource();
        var timer = context.CreateTimer(at.UtcDateTime, cancelTimer.Token);
        if (await Task.WhenAny(action, timer) == timer) return null;
        cancelTimer.Cancel();
        return await action;
    }
}
