using Gonghui.Functions.Privacy;
using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Stores;

namespace Gonghui.Functions.Registry.Import;

/// <summary>
/// Turns the valid rows of a file into people (rows with the same national ID are one person) and checks what only the
/// whole file and the registry can tell: the same person and award twice, one person's rows disagreeing, a row or an
/// existing record outside the caller's region. Reads each person's record to count what would be created, updated or
/// left unchanged; writes nothing.
/// </summary>
public static class ImportPlanner
{
    public static async Task<ImportPlan> PlanAsync(ParsedImport parsed, RegistryCaller caller, NationalIdHasher hasher, RecordStore records,
        DateOnly today, CancellationToken cancellationToken)
    {
        var errors = parsed.Errors.ToList();
        var people = new List<ImportedPerson>();
        foreach (var rows in parsed.Rows.GroupBy(r => r.Person.NationalId))
        {
            var first = rows.First();
            var awards = new List<Domain.Award>();
            var consistent = true;
            foreach (var row in rows)
            {
                if (!caller.CanAccess(row.Person.Region))
                {
                    errors.Add(new ImportError(row.Row, ImportColumns.Region, RegistryErrorCodes.OutOfScope));
                    consistent = false;
                    continue;
                }
                if (!SamePerson(row, first))
                {
                    errors.Add(new ImportError(row.Row, ImportColumns.NationalId, RegistryErrorCodes.ImportPersonConflict));
                    consistent = false;
                    continue;
                }
                var award = row.Person.Awards[0];
                if (awards.Any(a => a.Kind == award.Kind))
                {
                    errors.Add(new ImportError(row.Row, ImportColumns.Award, RegistryErrorCodes.ImportDuplicateRow));
                    consistent = false;
                    continue;
                }
                awards.Add(award);
            }
            if (!consistent) continue;
            var hash = hasher.Hash(first.Person.NationalId);
            people.Add(new ImportedPerson(RegistryRecordId.FromHash(hash), hash, first.Row, first.Person with { Awards = awards }, first.Standing));
        }

        var existing = new StoredRecord?[people.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, people.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, token) => existing[i] = await records.GetAsync(people[i].RecordId, token));
        int created = 0, updated = 0, unchanged = 0;
        for (var i = 0; i < people.Count; i++)
        {
            if (existing[i] is not { } stored)
            {
                created++;
                continue;
            }
            if (!caller.CanAccess(stored.Record.Person.Region))
            {
                errors.Add(new ImportError(people[i].FirstRow, ImportColumns.NationalId, RegistryErrorCodes.OutOfScope));
                continue;
            }
            if (StatusChangeErrors(people[i], stored.Record, caller, today) is { Count: > 0 } statusErrors)
            {
                errors.AddRange(statusErrors);
                continue;
            }
            var (details, standing) = people[i].MergeInto(stored.Record);
            if (details.SameAs(stored.Record.Person) && standing == stored.Record.Standing) unchanged++;
            else updated++;
        }
        return new ImportPlan(parsed.RowCount, [.. people.Zip(existing)], created, updated, unchanged, [.. errors.OrderBy(e => e.Row).ThenBy(e => e.Column, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// A row that changes an existing record's status is a status change like any other: it needs its reason (and date), and
    /// only an admin may bring a deceased record back.
    /// </summary>
    private static IReadOnlyList<ImportError> StatusChangeErrors(ImportedPerson person, ModelWorkerRecord existing, RegistryCaller caller, DateOnly today)
    {
        if (person.Standing is not { } asked || asked.Status == existing.Status) return [];
        var input = new StatusChangeInput(RecordChanges.Wire(asked.Status), asked.EffectiveOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            asked.Reason);
        return [.. StatusRules.Validate(input, existing.Standing, caller.IsAdmin, today).Errors
            .Select(e => new ImportError(person.FirstRow, ImportColumns.ForField(e.Field), e.Code))];
    }

    /// <summary>Rows of one person agree on everything but the award.</summary>
    private static bool SamePerson(ImportRow row, ImportRow first) =>
        row.Person.SamePersonAs(first.Person) && row.Standing == first.Standing;
}
