using Gonghui.Bench;

// ./bench.sh [NAME...] runs the named benchmarks, or all of them.
IBenchmark[] benchmarks =
[
    new StorageBenchmark(),
    new QueueTriggerBenchmark(),
    new HotlineBenchmark(),
    new DurableBenchmark(),
    new ReliefApprovalBenchmark(),
    new RegistryBenchmark(),
    new PublicNoticeBenchmark(),
    new NominationReviewBenchmark(),
];

var selected = args.Length == 0
    ? benchmarks
    : args.Select(name => benchmarks.FirstOrDefault(b => b.Name == name)
        ?? throw new ArgumentException($"No benchmark '{name}'. Known: {string.Join(", ", benchmarks.Select(b => b.Name))}")).ToArray();

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
foreach (var benchmark in selected)
{
    Console.WriteLine($"==> {benchmark.Name}: {benchmark.Description}");
    var report = new BenchReport(benchmark.Name);
    await benchmark.RunAsync(report, cancel.Token);
    report.Print(Console.Out);
}
