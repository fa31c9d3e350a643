using Gonghui.Functions.Registry.Stores;

namespace Gonghui.Functions.Registry.Import;

/// <summary>
/// What an import would do: the people to write, each with their record as it was read while planning (null for a new
/// person), how many records each way, or the errors that stop it.
/// </summary>
public sealed record ImportPlan(int Rows, IReadOnlyList<(ImportedPerson Person, StoredRecord? Existing)> People, int Created, int Updated, int Unchanged,
    IReadOnlyList<ImportError> Errors)
{
    public ImportReport Report(bool dryRun) => new(!dryRun && Errors.Count == 0, Rows, People.Count, Created, Updated, Unchanged, Errors,
        Errors.Count > 0 ? [] : People.Select(p => new ImportedRecord(p.Person.RecordId, p.Person.Details.Name, p.Person.Details.MaskedNationalId,
            p.Person.Details.Region)).ToList());
}
