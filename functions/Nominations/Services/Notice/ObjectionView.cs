using Gonghui.Functions.Nominations.Domain.Notice;

namespace Gonghui.Functions.Nominations.Services.Notice;

/// <summary>An objection as the admin API answers it: the contact masked, unless <see cref="Contact"/> is asked for the investigation.</summary>
public sealed record ObjectionView(
    string Reference,
    string NominationId,
    string ObjectorName,
    string MaskedContact,
    string? Contact,
    string Text,
    DateTimeOffset FiledAt,
    ObjectionStatus Status,
    string? Finding,
    string? SettledByName,
    DateTimeOffset? SettledAt)
{
    public static ObjectionView Of(Objection objection, bool withContact = false) => new(objection.Reference, objection.NominationId,
        objection.ObjectorName, objection.MaskedContact, withContact ? objection.ObjectorContact : null, objection.Text, objection.FiledAt, objection.Status,
        objection.Finding, objection.SettledByName, objection.SettledAt);
}
