using CsvHelper;
using Gonghui.Functions.Registry.Domain;

namespace Gonghui.Functions.Registry.Import;

/// <summary>
/// Reads an import file of the template: detects its encoding, checks the header, and validates every row on its own,
/// collecting every error (row, column, code) instead of stopping at the first. Rows whose cells are all empty (what
/// Excel leaves below a table) are skipped.
/// </summary>
public static class RegistryCsvReader
{
    public const int MaxBytes = 16 * 1024 * 1024;
    public const int MaxRows = 20_000;

    /// <summary>The file's bytes, or null when it is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]?> ReadBoundedAsync(Stream file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The file refused as a whole for being larger than <see cref="MaxBytes"/>.</summary>
    public static ParsedImport TooLarge { get; } = Refused(RegistryErrorCodes.ImportTooLarge, "");

    public static ParsedImport Read(byte[] bytes, AwardCatalog catalog, DateOnly today)
    {
        var errors = new List<ImportError>();
        var rows = new List<ImportRow>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            OnMalformedRecord = record => errors.Add(new ImportError((int)record.RecordNumber, "", RegistryErrorCodes.ImportMalformed)),
        };
        using var csv = CsvReader.Create(new StringReader(ImportEncoding.Decode(bytes)), options, leaveOpen: false);
        csv.ReadHeader();
        var header = csv.Headers.Select(h => h.Trim()).ToArray();
        if (header.Length == 0 || header.All(h => h.Length == 0)) return Refused(RegistryErrorCodes.ImportEmpty, "");
        var missing = ImportColumns.Required.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0) return new ParsedImport(0, [], [.. missing.Select(c => new ImportError(1, c, RegistryErrorCodes.ImportColumnMissing))]);
        var columns = header.Select((name, position) => (name, position)).GroupBy(c => c.name).ToDictionary(g => g.Key, g => g.First().position);

        var count = 0;
        while (csv.Read())
        {
            var cells = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).Trim()).ToArray();
            if (cells.All(c => c.Length == 0)) continue;
            if (++count > MaxRows) return Refused(RegistryErrorCodes.ImportTooManyRows, "");
            // The header is row 1 of the spreadsheet, so data record n is row n + 1.
            var rowNumber = (int)csv.RowNumber + 1;
            string? Cell(string column) => columns.TryGetValue(column, out var i) && i < cells.Length && cells[i].Length > 0 ? cells[i] : null;
            ReadRow(rowNumber, Cell, catalog, today, rows, errors);
        }
        if (count == 0 && errors.Count == 0) return Refused(RegistryErrorCodes.ImportEmpty, "");
        return new ParsedImport(count, rows, [.. errors.OrderBy(e => e.Row)]);
    }

    private static void ReadRow(int rowNumber, Func<string, string?> cell, AwardCatalog catalog, DateOnly today, List<ImportRow> rows, List<ImportError> errors)
    {
        var input = new RegistryRecordInput
        {
            Name = cell(ImportColumns.Name),
            Gender = cell(ImportColumns.Gender),
            BirthDate = cell(ImportColumns.BirthDate),
            NationalId = cell(ImportColumns.NationalId),
            Awards =
            [
                new AwardInput
                {
                    Kind = cell(ImportColumns.Award),
                    Year = cell(ImportColumns.AwardYear),
                    AwardingBody = cell(ImportColumns.AwardingBody),
                    EmployerAtAward = cell(ImportColumns.EmployerAtAward),
                },
            ],
            CurrentEmployer = cell(ImportColumns.CurrentEmployer),
            JobTitle = cell(ImportColumns.JobTitle),
            Region = cell(ImportColumns.Region),
            Phone = cell(ImportColumns.Phone),
        };
        var person = RegistryRecordValidator.Validate(input, catalog, today);
        var rowErrors = person.Errors.ToList();
        RecordStanding? standing = null;
        var status = cell(ImportColumns.Status);
        if (status is not null || cell(ImportColumns.StatusDate) is not null || cell(ImportColumns.StatusReason) is not null)
        {
            var checkedStatus = StatusRules.Validate(new StatusChangeInput(status, cell(ImportColumns.StatusDate), cell(ImportColumns.StatusReason)),
                current: null, actorIsAdmin: true, today);
            rowErrors.AddRange(checkedStatus.Errors);
            standing = checkedStatus.Value;
        }
        if (rowErrors.Count > 0)
            errors.AddRange(rowErrors.Select(e => new ImportError(rowNumber, ImportColumns.ForField(e.Field), e.Code)));
        else
            rows.Add(new ImportRow(rowNumber, person.Value!, standing));
    }

    private static ParsedImport Refused(string code, string column) => new(0, [], [new ImportError(0, column, code)]);
}
