using System.Security.Cryptography;
using Gonghui.Functions.Nominations.Domain.Notice;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Validation;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Nominations.Services.Notice;

public enum ObjectionFilingKind
{
    Filed = 1,
    Invalid,

    /// <summary>The address or the contact reached its rate limit; nothing was filed.</summary>
    Limited,

    /// <summary>The notice period is over.</summary>
    Closed,
}

public sealed record ObjectionFilingResult(ObjectionFilingKind Kind, string? Reference = null, IReadOnlyList<FieldError>? Errors = null);

/// <summary>
/// An objection from the public form: checked (against the lines still standing), counted against the rate limit by
/// keyed hashes of the client's address and the normalized contact, stored under a fresh reference number, and the
/// administrator e-mailed. The contact never reaches a log.
/// </summary>
public sealed class ObjectionFiling(ObjectionStore objections, NoticeMail mail, Lazy<NominationsSettings> nominationsSettings, PublicNoticeSettings settings,
    TimeProvider clock, ILogger<ObjectionFiling> logger)
{
    public async Task<ObjectionFilingResult> FileAsync(NoticeBoard board, ObjectionRequest request, string clientAddress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!board.Notice.Period.AcceptsObjections(now)) return new(ObjectionFilingKind.Closed);
        var validated = ObjectionValidator.Validate(request, board.StandingIds);
        if (!validated.IsValid) return new(ObjectionFilingKind.Invalid, Errors: validated.Errors);
        var valid = validated.Value!;
        var addressHash = nominationsSettings.Value.KeyedHash("address", clientAddress);
        var contactHash = nominationsSettings.Value.KeyedHash("contact", valid.Contact);
        while (true)
        {
            var objection = new Objection
            {
                Reference = ObjectionReference.Create(now, RandomNumberGenerator.GetBytes(6)),
                CampaignId = board.Campaign.CampaignId,
                NominationId = valid.NominationId,
                ObjectorName = valid.Name,
                ObjectorContact = valid.Contact,
                Text = valid.Text,
                FiledAt = now,
            };
            switch (await objections.FileAsync(objection, addressHash, contactHash, settings.RateLimit, cancellationToken))
            {
                case ObjectionFilingOutcome.Filed:
                    logger.LogInformation("Objection {Reference} filed against {NominationId} of {CampaignId}", objection.Reference, objection.NominationId,
                        objection.CampaignId);
                    var nominee = board.Entries.First(e => e.NominationId == objection.NominationId).Name;
                    await mail.ObjectionFiledAsync(board.Campaign, objection, nominee, cancellationToken);
                    return new(ObjectionFilingKind.Filed, objection.Reference);
                case ObjectionFilingOutcome.AddressLimited or ObjectionFilingOutcome.ContactLimited:
                    logger.LogWarning("Objection against {NominationId} of {CampaignId} refused by the rate limit", valid.NominationId,
                        board.Campaign.CampaignId);
                    return new(ObjectionFilingKind.Limited);
                default:
                    // The random reference was taken already that day (rare): draw another.
                    continue;
            }
        }
    }
}
