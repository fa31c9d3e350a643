using System.Globalization;

namespace Gonghui.Functions.Registry.Domain;

/// <summary>
/// The fields that differ between two versions of a record, for its history. National ID and phone appear only
/// masked: history is shown in lists and pages, and the full number lives in the record alone.
/// </summary>
public static class RecordChanges
{
    public static IReadOnlyList<FieldChange> Between(PersonDetails? before, RecordStanding? standingBefore, PersonDetails after, RecordStanding standingAfter)
    {
        var changes = new List<FieldChange>();
        void Compare(string field, string? old, string? now)
        {
            if (old != now) changes.Add(new FieldChange(field, old, now));
        }

        Compare("name", before?.Name, after.Name);
        Compare("gender", before is null ? null : Wire(before.Gender), Wire(after.Gender));
        Compare("birthDate", before is null ? null : Date(before.BirthDate), Date(after.BirthDate));
        Compare("nationalId", before?.MaskedNationalId, after.MaskedNationalId);
        var kinds = (before?.Awards ?? []).Select(a => a.Kind).Union(after.Awards.Select(a => a.Kind));
        foreach (var kind in kinds)
            Compare($"awards[{kind}]", Describe(before?.Awards.FirstOrDefault(a => a.Kind == kind)), Describe(after.Awards.FirstOrDefault(a => a.Kind == kind)));
        Compare("currentEmployer", before?.CurrentEmployer, after.CurrentEmployer);
        Compare("jobTitle", before?.JobTitle, after.JobTitle);
        Compare("region", before?.Region, after.Region);
        Compare("phone", before?.MaskedPhone, after.MaskedPhone);
        Compare("status", standingBefore is null ? null : Wire(standingBefore.Status), Wire(standingAfter.Status));
        Compare("effectiveOn", standingBefore?.EffectiveOn is { } on ? Date(on) : null, standingAfter.EffectiveOn is { } now ? Date(now) : null);
        Compare("statusReason", standingBefore?.Reason, standingAfter.Reason);
        return changes;
    }

    /// <summary>snake_case, as the enum reads on the wire.</summary>
    public static string Wire<TEnum>(TEnum value) where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Describe(Award? award) =>
        award is null ? null : string.Create(CultureInfo.InvariantCulture, $"{award.Year} {award.AwardingBody} {award.EmployerAtAward}");
}
