using System.Text.RegularExpressions;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Registry;

public sealed partial class RegistryDomainBoundaryTests
{
    [Fact]
    public void The_registry_domain_references_no_storage_worker_host_or_aspnet_code()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "functions", "Registry", "Domain");
        var files = Directory.GetFiles(folder, "*.cs");
        Assert.NotEmpty(files);
        var offending = files
            .SelectMany(file => File.ReadLines(file).Select(line => (File: Path.GetFileName(file), Line: line)))
            .Where(l => Forbidden().IsMatch(l.Line))
            .Select(l => $"{l.File}: {l.Line.Trim()}")
            .ToList();
        Assert.Empty(offending);
    }

    [GeneratedRegex(@"\b(Azure\.|Microsoft\.AspNetCore|Microsoft\.Azure\.Functions|Microsoft\.Extensions|Gonghui\.Hosting|Registry\.Stores|Registry\.Import|CsvHelper)")]
    private static partial Regex Forbidden();
}
