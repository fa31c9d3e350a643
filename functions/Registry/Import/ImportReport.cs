namespace Gonghui.Functions.Registry.Import;

/// <summary>
/// The outcome of an import or its dry run: the data rows read, the records created, updated and left unchanged (or that
/// would be), and every bad row. <see cref="Written"/> is false for a dry run and whenever there is any error.
/// </summary>
public sealed record ImportReport(bool Written, int Rows, int People, int Created, int Updated, int Unchanged, IReadOnlyList<ImportError> Errors);
