namespace Gonghui.Functions.Registry.Import;

/// <summary>The rows of a file that are valid on their own, and every error found in the others.</summary>
public sealed record ParsedImport(int RowCount, IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors);
