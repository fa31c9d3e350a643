namespace Gonghui.Functions.Registry.Import;

/// <summary>
/// One problem in an import file: <see cref="Row"/> as a spreadsheet numbers it (the header is row 1; 0 for the file as a
/// whole), <see cref="Column"/> the template's header, <see cref="Code"/> one of the registry's error codes.
/// </summary>
public sealed record ImportError(int Row, string Column, string Code);
