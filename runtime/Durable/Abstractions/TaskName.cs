namespace Gonghui.Durable;

/// <summary>The name (and optional version) of an orchestrator or activity, as Microsoft.DurableTask's TaskName.</summary>
public readonly record struct TaskName(string Name, string? Version = null)
{
    public static implicit operator TaskName(string name) => new(name);

    public override string ToString() => string.IsNullOrEmpty(Version) ? Name : $"{Name}@{Version}";
}
