using Microsoft.Extensions.Logging;

namespace Gonghui.Durable.Engine;

/// <summary>
/// Replays an orchestrator over its history (past events, then the new ones of this step) on one thread and
/// returns what it decided. Determinism is checked: every scheduling call must match the history's event at the
/// same step, and every result in history must belong to a task the code scheduled.
/// </summary>
internal static class OrchestrationExecutor
{
    public static ExecutionResult Execute(ITaskOrchestrator orchestrator, TaskName name, string instanceId,
        IReadOnlyList<HistoryEvent> pastEvents, IReadOnlyList<HistoryEvent> newEvents, ILoggerFactory loggers)
    {
        var started = pastEvents.Concat(newEvents).First(e => e.EventType == EventType.ExecutionStarted);
        var historicActions = pastEvents.Where(e => e.IsScheduling).ToList();
        var context = new ReplayOrchestrationContext(name, instanceId, started.ParentInstance, started.Input, historicActions, loggers);
        var sync = new OrchestrationSynchronizationContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(sync);
        Task<object?>? run = null;
        var eventsAfterCompletion = new List<HistoryEvent>();
        try
        {
            var index = 0;
            foreach (var e in pastEvents.Concat(newEvents))
            {
                if (run is { IsCompleted: true })
                {
                    if (e.EventType == EventType.EventRaised)
                        eventsAfterCompletion.Add(e);
                    continue;
                }
                context.Replaying = index++ < pastEvents.Count;
                switch (e.EventType)
                {
                    case EventType.OrchestratorStarted:
                        context.CurrentTime = e.Timestamp;
                        break;
                    case EventType.ExecutionStarted:
                        run = Start(orchestrator, context, e.Input);
                        break;
                    case EventType.EventRaised:
                        context.RaiseEvent(e);
                        break;
                    case var _ when e.IsTaskResult:
                        context.Deliver(e);
                        break;
                }
                sync.Drain();
                if (context.NonDeterminism is not null)
                    break;
            }
            if (run is { IsCompleted: false })
                context.CheckAllHistoricActionsReplayed();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        return Result(context, run ?? throw new InvalidOperationException($"Instance '{instanceId}' has no ExecutionStarted event."),
            historicActions.Count, eventsAfterCompletion);
    }

    private static Task<object?> Start(ITaskOrchestrator orchestrator, ReplayOrchestrationContext context, string? input)
    {
        try
        {
            return orchestrator.RunAsync(context, DurableJson.Deserialize(input, orchestrator.InputType));
        }
        catch (Exception ex)
        {
            return Task.FromException<object?>(ex);
        }
    }

    private static ExecutionResult Result(ReplayOrchestrationContext context, Task<object?> run, int historicActionCount,
        List<HistoryEvent> eventsAfterCompletion)
    {
        var newActions = context.Actions.Skip(historicActionCount).ToList();
        if (context.NonDeterminism is { } message)
        {
            return new ExecutionResult
            {
                NewActions = [],
                Completion = OrchestrationRuntimeStatus.Failed,
                Failure = TaskFailureDetails.FromException(new NonDeterministicOrchestrationException(message)),
            };
        }
        if (!run.IsCompleted)
            return new ExecutionResult { NewActions = newActions, CustomStatusSet = context.CustomStatusSet, CustomStatus = context.CustomStatus };
        if (run.IsFaulted || run.IsCanceled)
        {
            var error = run.IsCanceled ? new TaskCanceledException(run) : run.Exception!.InnerExceptions.Count == 1 ? run.Exception.InnerException! : run.Exception;
            return new ExecutionResult
            {
                NewActions = newActions,
                Completion = OrchestrationRuntimeStatus.Failed,
                Failure = TaskFailureDetails.FromException(error),
                CustomStatusSet = context.CustomStatusSet,
                CustomStatus = context.CustomStatus,
            };
        }
        if (context.ContinueAsNewRequested)
        {
            return new ExecutionResult
            {
                NewActions = newActions,
                Completion = OrchestrationRuntimeStatus.ContinuedAsNew,
                Output = context.ContinueAsNewInput,
                CustomStatusSet = context.CustomStatusSet,
                CustomStatus = context.CustomStatus,
                CarryOverEvents = context.PreserveUnprocessedEvents ? [.. context.BufferedEvents, .. eventsAfterCompletion] : [],
            };
        }
        return new ExecutionResult
        {
            NewActions = newActions,
            Completion = OrchestrationRuntimeStatus.Completed,
            Output = DurableJson.Serialize(run.Result),
            CustomStatusSet = context.CustomStatusSet,
            CustomStatus = context.CustomStatus,
        };
    }
}
