using Gonghui.Functions.Registry.Domain;

namespace Gonghui.Functions.Registry.Import;

/// <summary>
/// One person as an import file gives them: their details with every award their rows name, and the status the rows
/// set (null when none does). Merged into an existing record, the file's details win, awards of a kind the file names
/// are replaced, awards it does not name are kept, and the status changes only when the file sets a different one.
/// </summary>
public sealed record ImportedPerson(string RecordId, string Hash, int FirstRow, PersonDetails Details, RecordStanding? Standing)
{
    public (PersonDetails Details, RecordStanding Standing) MergeInto(ModelWorkerRecord existing)
    {
        var awards = existing.Person.Awards
            .Select(kept => Details.Awards.FirstOrDefault(a => a.Kind == kept.Kind) ?? kept)
            .Concat(Details.Awards.Where(a => existing.Person.Awards.All(kept => kept.Kind != a.Kind)))
            .ToList();
        var standing = Standing is { } asked && asked.Status != existing.Status ? asked : existing.Standing;
        return (Details with { Awards = awards }, standing);
    }
}
