using System.Text.RegularExpressions;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Architecture;

/// <summary>
/// Every capability's rules (states, transitions, validation, SLA and eligibility maths) and the shared pure parts stay
/// free of storage, the Functions worker, the durable engine, ASP.NET Core and the app's own infrastructure, so they are
/// unit-tested alone and a newcomer finds a rule by folder name. Checked over the source, comments excepted.
/// </summary>
public sealed partial class DomainBoundaryTests
{
    public static TheoryData<string> DomainFolders =>
    [
        "functions/Hotline/Rules",
        "functions/Relief/Domain",
        "functions/Registry/Domain",
        "functions/Nominations/Domain",
        "functions/Calendar",
        "functions/Money",
        "functions/Privacy",
        "functions/Validation",
    ];

    [Theory]
    [MemberData(nameof(DomainFolders))]
    public void A_domain_folder_references_no_storage_worker_durable_engine_aspnet_or_infrastructure_code(string folder)
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, folder), "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var offending = files
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (File: Path.GetRelativePath(RepositoryRoot.Path, file), Number: index + 1, Line: line)))
            .Where(l => !l.Line.TrimStart().StartsWith("//", StringComparison.Ordinal) && Forbidden().IsMatch(l.Line))
            .Select(l => $"{l.File}:{l.Number}: {l.Line.Trim()}")
            .ToList();
        Assert.Empty(offending);
    }

    [Theory]
    [InlineData("using Azure.Data.Tables;")]
    [InlineData("using Microsoft.AspNetCore.Http;")]
    [InlineData("using Microsoft.Azure.Functions.Worker;")]
    [InlineData("using Microsoft.DurableTask;")]
    [InlineData("using Gonghui.Functions.Security;")]
    [InlineData("using Gonghui.Functions.Registry.Stores;")]
    [InlineData("using Gonghui.Functions.Relief.Stores;")]
    [InlineData("using Gonghui.Functions.Relief.Functions.Approval;")]
    [InlineData("    private readonly Azure.Storage.Blobs.BlobClient _blob;")]
    public void The_check_recognises_each_kind_of_forbidden_reference(string line) => Assert.Matches(Forbidden(), line);

    [GeneratedRegex(@"\b(Azure\.[A-Z]|Microsoft\.(AspNetCore|Azure|DurableTask|Extensions)|Gonghui\.(Hosting|Connections)\b|Gonghui\.Functions\.(Security|Http|Notifications)\b|Gonghui\.Functions\.\w+\.Functions\b|\.(Stores|Services|Import)\b)")]
    private static partial Regex Forbidden();
}
