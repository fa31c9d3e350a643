using Gonghui.Durable.Storage;

namespace Gonghui.Durable.Worker;

/// <summary>
/// A message for an instance's next step and what to do with its source afterwards: <see cref="Ack"/> once the
/// step is committed and its messages sent (delete the queue message), <see cref="Retry"/> when it cannot be
/// applied yet or the step failed.
/// </summary>
internal sealed record Inbound(TaskMessage Message, long DequeueCount, Func<Task> Ack, Func<TimeSpan, Task> Retry)
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
