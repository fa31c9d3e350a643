namespace Gonghui.Bench;

/// <summary>One benchmark: it starts what it needs (Azurite, the app), measures, and reports figures.</summary>
public interface IBenchmark
{
    /// <summary>The name `./bench.sh NAME` selects it by.</summary>
    string Name { get; }

    string Description { get; }

    Task RunAsync(BenchReport report, CancellationToken cancellationToken);
}
