using Gonghui.Durable.Storage;

namespace Gonghui.Durable.Worker;

/// <summary>
/// The messages a committed step implies, derived from its history events, so they can be re-derived and re-sent
/// after a crash: activities to run, timers to arm, sub-orchestrations to start, events to deliver, and the parent
/// to notify when the instance ends. Ids are deterministic so receivers recognise a resend.
/// </summary>
internal static class OutboundMessages
{
    public static IEnumerable<TaskMessage> For(InstanceHead head, string executionId, HistoryEvent e)
    {
        switch (e.EventType)
        {
            case EventType.TaskScheduled:
                yield return new TaskMessage($"{executionId}:{e.EventId}", head.InstanceId, executionId, e);
                break;
            case EventType.TimerCreated:
                yield return new TaskMessage($"{executionId}:timer:{e.EventId}", head.InstanceId, executionId,
                    new HistoryEvent(EventType.TimerFired, e.Timestamp) { TaskScheduledId = e.EventId, FireAt = e.FireAt });
                break;
            case EventType.SubOrchestrationInstanceCreated:
                var childExecution = ChildExecutionId(executionId, e.EventId);
                yield return new TaskMessage($"{executionId}:{e.EventId}", e.InstanceId!, childExecution,
                    new HistoryEvent(EventType.ExecutionStarted, e.Timestamp)
                    {
                        Name = e.Name,
                        Version = e.Version,
                        Input = e.Input,
                        ExecutionId = childExecution,
                        ParentInstance = new ParentOrchestrationInstance(new TaskName(head.Name, head.Version), head.InstanceId)
                        {
                            ExecutionId = executionId,
                            TaskScheduledId = e.EventId,
                        },
                    });
                break;
            case EventType.EventSent:
                var messageId = $"{head.InstanceId}:{executionId}:{e.EventId}";
                yield return new TaskMessage(messageId, e.InstanceId!, null,
                    new HistoryEvent(EventType.EventRaised, e.Timestamp) { Name = e.Name, Input = e.Input, MessageId = messageId });
                break;
            case EventType.ExecutionCompleted when head.Parent is { } parent && e.OrchestrationStatus != OrchestrationRuntimeStatus.ContinuedAsNew:
                yield return ToParent(parent, executionId, e.OrchestrationStatus == OrchestrationRuntimeStatus.Completed
                    ? new HistoryEvent(EventType.SubOrchestrationInstanceCompleted, e.Timestamp) { TaskScheduledId = parent.TaskScheduledId, Result = e.Result }
                    : new HistoryEvent(EventType.SubOrchestrationInstanceFailed, e.Timestamp) { TaskScheduledId = parent.TaskScheduledId, FailureDetails = e.FailureDetails });
                break;
            case EventType.ExecutionTerminated when head.Parent is { } parent:
                yield return ToParent(parent, executionId, new HistoryEvent(EventType.SubOrchestrationInstanceFailed, e.Timestamp)
                {
                    TaskScheduledId = parent.TaskScheduledId,
                    FailureDetails = new TaskFailureDetails("Terminated", $"Sub-orchestration '{head.InstanceId}' was terminated: {e.Input}"),
                });
                break;
        }
    }

    /// <summary>The refusal a parent gets when the sub-orchestration's instance id is taken by a running instance.</summary>
    public static TaskMessage AlreadyRunning(TaskMessage start, DateTimeOffset now)
    {
        var parent = start.Event.ParentInstance!;
        return ToParent(parent, start.Id, new HistoryEvent(EventType.SubOrchestrationInstanceFailed, now)
        {
            TaskScheduledId = parent.TaskScheduledId,
            FailureDetails = new TaskFailureDetails(typeof(OrchestrationAlreadyExistsException).FullName!,
                $"An orchestration with instance id '{start.InstanceId}' already exists and is running."),
        });
    }

    private static string ChildExecutionId(string parentExecutionId, int taskId) => $"{parentExecutionId}:{taskId}";

    private static TaskMessage ToParent(ParentOrchestrationInstance parent, string executionId, HistoryEvent e) =>
        new($"{executionId}:result:{parent.InstanceId}:{parent.TaskScheduledId}", parent.InstanceId, parent.ExecutionId, e);
}
