using System.Globalization;
using CsvHelper;
using Gonghui.Functions.Registry.Domain;

namespace Gonghui.Functions.Registry.Import;

/// <summary>
/// Writes records in the import template's columns, one row per award, UTF-8 with a BOM (without it Excel reads the
/// Chinese as the PC's ANSI code page). Cells that Excel would take for a formula are escaped.
/// </summary>
public sealed class RegistryCsvWriter : IAsyncDisposable
{
    private readonly CsvWriter _csv;
    private readonly AwardCatalog _catalog;

    private RegistryCsvWriter(Stream output, AwardCatalog catalog)
    {
        _catalog = catalog;
        _csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        _csv.WriteHeader([.. ImportColumns.All]);
    }

    public static RegistryCsvWriter Create(Stream output, AwardCatalog catalog) => new(output, catalog);

    /// <summary>A record as lists show it: national ID and phone masked.</summary>
    public void Write(RegistrySummary summary) =>
        WriteRows(summary.Name, summary.Gender, summary.BirthDate, summary.MaskedNationalId, summary.Awards, summary.CurrentEmployer,
            summary.JobTitle, summary.Region, summary.Standing, summary.MaskedPhone);

    /// <summary>A record in full, for an export the caller may see in full (and that records the reveal).</summary>
    public void Write(PersonDetails person, RecordStanding standing) =>
        WriteRows(person.Name, person.Gender, person.BirthDate, person.NationalId, person.Awards, person.CurrentEmployer, person.JobTitle,
            person.Region, standing, person.Phone);

    public ValueTask FlushAsync(CancellationToken cancellationToken) => _csv.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _csv.DisposeAsync();

    private void WriteRows(string name, Gender gender, DateOnly birthDate, string nationalId, IReadOnlyList<Award> awards, string employer,
        string? jobTitle, string region, RecordStanding standing, string? phone)
    {
        foreach (var award in awards)
        {
            _csv.WriteRecord(
            [
                name,
                gender == Gender.Male ? "男" : "女",
                birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                nationalId,
                _catalog.Find(award.Kind)?.Name ?? award.Kind,
                award.Year.ToString(CultureInfo.InvariantCulture),
                award.AwardingBody,
                award.EmployerAtAward,
                employer,
                jobTitle ?? "",
                region,
                StatusName(standing.Status),
                standing.EffectiveOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                standing.Reason ?? "",
                phone ?? "",
            ]);
        }
    }

    private static string StatusName(RecordStatus status) => status switch
    {
        RecordStatus.Active => "在册",
        RecordStatus.Revoked => "撤销",
        RecordStatus.Deceased => "已故",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
