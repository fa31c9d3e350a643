namespace Gonghui.Functions.Registry.Import;

/// <summary>
/// The outcome of an import or its dry run: the data rows read, the records created, updated and left unchanged (or that
/// would be), every bad row, and the file's people (<see cref="Records"/>, national IDs masked; empty when rows are bad).
/// <see cref="Written"/> is false for a dry run and whenever there is any error.
/// </summary>
public sealed record ImportReport(bool Written, int Rows, int People, int Created, int Updated, int Unchanged, IReadOnlyList<ImportError> Errors,
    IReadOnlyList<ImportedRecord> Records);

/// <summary>One person of an import file as the report names them: the record's id, name, masked national ID and region.</summary>
public sealed record ImportedRecord(string RecordId, string Name, string MaskedNationalId, string Region);
