using System.Diagnostics;
using Gonghui.Testing;

namespace Gonghui.Bench;

/// <summary>
/// The CPU time each process of a benchmark (the app, Azurite's services, the benchmark itself with its clients and
/// SMTP sink) spends on a phase, per unit of work. They all share this machine's cores, so the sum says how many units
/// a second the machine could serve at most, whatever the latency figures suggest.
/// </summary>
public sealed class CpuMeter
{
    private readonly List<(string Name, Process Process, TimeSpan AtStart)> _processes;

    private CpuMeter(IEnumerable<(string Name, int ProcessId)> processes) => _processes = [.. processes.Select(p =>
    {
        var process = Process.GetProcessById(p.ProcessId);
        return (p.Name, process, process.TotalProcessorTime);
    })];

    public static CpuMeter Start(FunctionAppProcess app, AzuriteServer azurite) =>
        new([("app", app.ProcessId), .. azurite.Processes, ("benchmark", Environment.ProcessId)]);

    /// <summary>Adds one figure per process and one for all of them: CPU milliseconds per <paramref name="unit"/>.</summary>
    public void Report(BenchReport report, string phase, int units, string unit)
    {
        var total = 0.0;
        foreach (var (name, process, atStart) in _processes)
        {
            process.Refresh();
            var perUnit = (process.TotalProcessorTime - atStart).TotalMilliseconds / units;
            total += perUnit;
            report.Add($"{phase}: CPU per {unit}, {name}", perUnit, "ms");
        }
        report.Add($"{phase}: CPU per {unit}, all processes", total, "ms",
            $"{Environment.ProcessorCount} cores serve at most {Environment.ProcessorCount * 1000 / total:0} {unit}s/s at this cost");
    }
}
