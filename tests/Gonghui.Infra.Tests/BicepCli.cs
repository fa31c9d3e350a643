using System.Diagnostics;
using System.Reflection;
using Gonghui.Testing;

namespace Gonghui.Infra.Tests;

/// <summary>
/// The Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64): the build passes the package folder in as
/// assembly metadata, so the tests run the very binary the lock file pins.
/// </summary>
public static class BicepCli
{
    private static readonly Lazy<string> Executable = new(Locate);

    public static string InfraFolder => Path.Combine(RepositoryRoot.Path, "infra");

    public static async Task<BicepRun> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            WorkingDirectory = InfraFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // A null value removes the variable, so a test controls exactly what the CLI sees.
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            await ChildProcess.KillAndDisposeAsync(process);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within 3 minutes.");
        }
        return new BicepRun(process.ExitCode, await output, await errors);
    }

    private static string Locate()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
            throw new PlatformNotSupportedException("The tests restore the Bicep CLI for linux-x64 only.");
        var packageRoot = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPackageRoot")?.Value;
        if (string.IsNullOrEmpty(packageRoot))
            throw new InvalidOperationException("The test assembly does not name the Bicep package folder: restore tests/Gonghui.Infra.Tests.");
        var executable = Path.Combine(packageRoot, "tools", "bicep");
        if (!File.Exists(executable))
            throw new InvalidOperationException($"The Bicep CLI is not at {executable}: restore tests/Gonghui.Infra.Tests.");
        // NuGet extracts files without their execute bit on some machines.
        var mode = File.GetUnixFileMode(executable);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
            File.SetUnixFileMode(executable, mode | UnixFileMode.UserExecute);
        return executable;
    }
}

public sealed record BicepRun(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Output}\nstderr:\n{Errors}";
}
