using Gonghui.Functions.Nominations.Domain.Notice;
using Gonghui.Functions.Nominations.Functions.Notice;
using Gonghui.Functions.Nominations.Functions.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Relief.Domain;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Nominations.Services.Notice;

/// <summary>
/// An administrator settles an objection once, with a finding: upheld withdraws the nomination (raised to its review
/// as <see cref="NominationActionKind.ObjectionUpheld"/>, which tells the union), dismissed keeps it (the union is
/// told); either way the notice is told, since it may be waiting for the last settlement to end. Settling again with
/// the same outcome is a retry: it raises and mails again (each is harmless twice), so a crash after the store
/// write loses nothing.
/// </summary>
public sealed class ObjectionSettlement(ObjectionStore objections, CampaignStore campaigns, NominationStore nominations, NoticeMail mail,
    PublicNoticePageCache pages, TimeProvider clock, ILogger<ObjectionSettlement> logger)
{
    /// <returns>Null when there is no such objection.</returns>
    public async Task<(Objection Objection, WorkflowRefusal? Refusal)?> SettleAsync(string campaignId, string reference, bool upheld, string? finding,
        string byId, string byName, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (await objections.SettleAsync(campaignId, reference, upheld, finding, byId, byName, clock.GetUtcNow(), cancellationToken)
            is not ({ } objection, var refusal))
            return null;
        pages.Invalidate(campaignId);
        var requested = upheld ? ObjectionStatus.Upheld : ObjectionStatus.Dismissed;
        if (refusal is not null && !(refusal.Code == Objection.AlreadySettled && objection.Status == requested)) return (objection, refusal);
        if (upheld)
        {
            await durable.RaiseEventAsync(objection.NominationId, NominationReviewOrchestration.ActionEvent,
                NominationAction.ObjectionWasUpheld(objection.Reference, objection.Finding!, objection.SettledById!, objection.SettledByName!,
                    objection.SettledAt!.Value), cancellationToken);
        }
        else if (await campaigns.GetAsync(campaignId, cancellationToken) is { } campaign
                 && await nominations.GetAsync(campaignId, objection.NominationId, cancellationToken) is { } nomination)
        {
            await mail.ObjectionDismissedAsync(campaign.Campaign, objection, nomination, cancellationToken);
        }
        await durable.RaiseEventAsync(PublicNoticeOrchestration.InstanceId(campaignId), PublicNoticeOrchestration.ObjectionSettledEvent, reference,
            cancellationToken);
        logger.LogInformation("Objection {Reference} against {NominationId} settled: {Status}", reference, objection.NominationId, objection.Status);
        return (objection, null);
    }
}
