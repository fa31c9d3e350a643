using Gonghui.Durable.Storage;
using Gonghui.Storage.Queues;

namespace Gonghui.Durable.Worker;

/// <summary>
/// Runs activities a step of this process scheduled in this process at once, instead of waiting for the work-items
/// poller to receive them: the step sends the work item hidden for the work-item visibility timeout (as if received
/// here) and hands it over. The queue copy is the activity's durable record: should the process die, it becomes
/// visible and runs elsewhere. Local and polled activities share one set of concurrency slots; without a free slot
/// (or a worker in this process) the work item goes to the queue as usual.
/// </summary>
internal sealed class LocalActivities(DurableTaskOptions options)
{
    private Func<TaskMessage, SendReceipt, Task>? _run;

    /// <summary>Activity slots (<see cref="DurableTaskOptions.MaxConcurrentActivityFunctions"/>) of this process.</summary>
    public SemaphoreSlim Slots { get; } = new(Math.Max(1, options.MaxConcurrentActivityFunctions));

    /// <summary>Called by the activity dispatcher when it starts: how to run a work item sent hidden.</summary>
    public void Attach(Func<TaskMessage, SendReceipt, Task> run) => _run = run;

    /// <summary>Takes a slot for a local run; false when no dispatcher runs here or every slot is busy.</summary>
    public bool TryReserve() => _run is not null && Slots.Wait(0);

    public void Release() => Slots.Release();

    /// <summary>Runs the work item whose hidden queue copy is <paramref name="hiddenCopy"/>, in the slot reserved for it.</summary>
    public void Run(TaskMessage workItem, SendReceipt hiddenCopy) => _ = _run!(workItem, hiddenCopy);
}
