using System.Text.Json.Serialization;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Nominations.Domain.Notice;

/// <summary>
/// An objection filed against a nomination on the public notice. The objector's contact is personal data: kept as
/// a keyed hash (for the rate limit) and masked for display; the full contact only in the investigation's record.
/// </summary>
public sealed record Objection
{
    public const string AlreadySettled = "already_settled";
    public const string FindingRequired = "finding_required";

    /// <summary>The number the objector is given ("YY261206-7KQ2MX").</summary>
    public required string Reference { get; init; }

    public required string CampaignId { get; init; }
    public required string NominationId { get; init; }
    public required string ObjectorName { get; init; }
    public required string ObjectorContact { get; init; }
    public required string Text { get; init; }
    public required DateTimeOffset FiledAt { get; init; }
    public ObjectionStatus Status { get; init; } = ObjectionStatus.Investigating;
    public string? Finding { get; init; }
    public string? SettledById { get; init; }
    public string? SettledByName { get; init; }
    public DateTimeOffset? SettledAt { get; init; }

    /// <summary>The contact for lists and e-mails: 138****5678, or z***@example.com.</summary>
    [JsonIgnore]
    public string MaskedContact => PhoneNumber.TryParse(ObjectorContact, out var phone) ? phone.Masked
        : ObjectorContact.IndexOf('@') is > 0 and var at ? $"{ObjectorContact[0]}***{ObjectorContact[at..]}"
        : new string('*', ObjectorContact.Length);

    /// <summary>Never the full contact in logs.</summary>
    public override string ToString() => $"Objection {{ {Reference}, {NominationId}, {Status}, {MaskedContact} }}";

    /// <summary>The investigation's outcome; an objection is settled once, with a finding.</summary>
    public (Objection Objection, WorkflowRefusal? Refusal) Settle(bool upheld, string? finding, string byId, string byName, DateTimeOffset at)
    {
        if (Status != ObjectionStatus.Investigating) return (this, new WorkflowRefusal(AlreadySettled, "该异议已处理完毕。"));
        if (string.IsNullOrWhiteSpace(finding)) return (this, new WorkflowRefusal(FindingRequired, "请填写核查结论。"));
        return (this with
        {
            Status = upheld ? ObjectionStatus.Upheld : ObjectionStatus.Dismissed,
            Finding = finding.Trim(),
            SettledById = byId,
            SettledByName = byName,
            SettledAt = at,
        }, null);
    }
}
