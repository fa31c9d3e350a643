using DurableTask.Core;

namespace Gonghui.LocalHost.Durable;

/// <summary>Creates a Durable Task Framework orchestration or activity by name (version ""), one per work item.</summary>
internal sealed class TaskObjectCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> _create;

    public TaskObjectCreator(string name, Func<T> create)
    {
        Name = name;
        Version = "";
        _create = create;
    }

    public override T Create() => _create();
}
