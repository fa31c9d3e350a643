using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Hotline.Services;
using Gonghui.Functions.Hotline.Stores;
using Gonghui.Functions.Notifications;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Hotline.Functions;

/// <summary>
/// Follows up a committed ticket change (version N): mails what the change calls for (keyed by ticket and version, so
/// once), records a merge in the original's history (once per duplicate), adds the change's figures delta (once per version), re-indexes the ticket for lists and the SLA timer, and
/// raises SLA events already due (the escalation after a third transfer goes out at once), then removes the change's
/// outbox row. A change is queued only after its commit, so its version is always there to read. Every step is
/// idempotent, so redelivery, the outbox sweep's second announcement and concurrent instances are safe.
/// <para>
/// The follow-up of an intake (version 1) also routes the ticket, and follows up that routing (version 2) in the same
/// run as if intake and routing were one change: the unit's e-mail, one figures delta from nothing to the routed
/// ticket (version 1 never counts alone), one index write. The routing is not announced; a crash after it is
/// committed redelivers the intake's message, which finds the routing and follows it up again.
/// </para>
/// </summary>
public sealed class TicketChangeFunction(
    TicketStore store,
    TicketOutbox outbox,
    FigureStore figures,
    TicketIndexStore index,
    ReferenceDataStore reference,
    HotlineTickets tickets,
    SlaEvents slaEvents,
    EmailOutbox emails,
    TimeProvider clock,
    ILogger<TicketChangeFunction> logger)
{
    [Function("HotlineTicketChange")]
    public async Task Run([QueueTrigger(TicketChangeQueue.QueueName, Connection = "AzureWebJobsStorage")] TicketChange change, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(change.TicketId, cancellationToken) is not { } current || current.Ticket.Version < change.Version)
        {
            logger.LogError("Ticket {TicketId} has no version {Version} although it was announced after its commit", change.TicketId, change.Version);
            return;
        }

        var data = await reference.GetAsync(cancellationToken);
        (Ticket Snapshot, TicketHistoryEntry Entry) committed = current.Ticket.Version == change.Version
            ? (current.Ticket, current.LatestEntry ?? await EntryAsync(current.Ticket, cancellationToken))
            : (await store.GetVersionAsync(change.TicketId, change.Version, cancellationToken))!.Value;
        (Ticket Snapshot, TicketHistoryEntry Entry) followed;
        Ticket? before;
        if (change.Version == 1 && await RoutingOfIntakeAsync(current, data, cancellationToken) is { } routing)
        {
            await MailAsync(committed.Snapshot, committed.Entry, data, cancellationToken);
            followed = routing;
            before = null;
        }
        else
        {
            followed = committed;
            before = change.Version == 1 || IsRoutingOfIntake(committed.Entry)
                ? null
                : (await store.GetVersionAsync(change.TicketId, change.Version - 1, cancellationToken))?.Snapshot;
        }

        // What someone waits for first (the unit's e-mail), then the original's side of a merge, then the projections.
        await MailAsync(followed.Snapshot, followed.Entry, data, cancellationToken);
        if (followed.Entry.Action == "merge" && followed.Snapshot.MergedInto is { } originalId)
        {
            await RecordOnOriginalAsync(followed.Snapshot, followed.Entry, originalId, cancellationToken);
        }

        await figures.ApplyAsync(change.TicketId, followed.Snapshot.Version, TicketContribution.Delta(before, followed.Snapshot), cancellationToken);

        // A later version has its own message, which indexes the newer state.
        if (current.Ticket.Version <= followed.Snapshot.Version)
        {
            await index.IndexAsync(followed.Snapshot, data.Workflow.Sla.NextCheckAt(followed.Snapshot), cancellationToken);
            if (data.Workflow.Sla.DueEvents(followed.Snapshot, clock.GetUtcNow()).Count > 0)
            {
                await slaEvents.RaiseDueAsync(change.TicketId, cancellationToken);
            }
        }

        await outbox.AcknowledgeAsync(change, cancellationToken);
    }

    private async Task<TicketHistoryEntry> EntryAsync(Ticket ticket, CancellationToken cancellationToken) =>
        (await store.GetVersionAsync(ticket.Id, ticket.Version, cancellationToken))!.Value.Entry;

    /// <summary>
    /// The routing of a just-opened ticket: done now if the ticket is still as opened, or found when an earlier run
    /// did it (version 2 is the system's assignment). Null when the ticket cannot be routed or someone else changed it.
    /// </summary>
    private async Task<(Ticket Snapshot, TicketHistoryEntry Entry)?> RoutingOfIntakeAsync(StoredTicket current, HotlineReference data,
        CancellationToken cancellationToken)
    {
        var ticket = current.Ticket;
        if (ticket.Version >= 2)
        {
            var second = await store.GetVersionAsync(ticket.Id, 2, cancellationToken);
            return second is { } routed && IsRoutingOfIntake(routed.Entry) ? routed : null;
        }

        if (ticket.Status != TicketStatus.Received || ticket.MergedInto is not null)
        {
            return null;
        }

        if (data.Routing.Route(ticket.RegionCode, ticket.Category) is not { } decision)
        {
            logger.LogError("No routing rule covers region {Region}; ticket {TicketId} waits for an operator to assign it", ticket.RegionCode, ticket.Id);
            return null;
        }

        return await tickets.RouteOpenedAsync(current, decision.Unit, cancellationToken);
    }

    private async Task RecordOnOriginalAsync(Ticket duplicate, TicketHistoryEntry merge, string originalId, CancellationToken cancellationToken)
    {
        var outcome = await tickets.ApplyAsync(originalId, new TicketCommand.RecordMergedDuplicate(duplicate, merge.Reason), Actor.System, null,
            cancellationToken);
        if (outcome.Rejection is { } rejection)
        {
            logger.LogInformation("Merge of {TicketId} not recorded on {OriginalId}: {Code}", duplicate.Id, originalId, rejection.Code);
        }
    }

    private static bool IsRoutingOfIntake(TicketHistoryEntry entry) =>
        entry.Sequence == 2 && entry.ActorId == Actor.System.Id && entry.Action == "assign";

    private async Task MailAsync(Ticket snapshot, TicketHistoryEntry entry, HotlineReference data, CancellationToken cancellationToken)
    {
        foreach (var email in HotlineEmails.For(snapshot, entry, data.Routing))
        {
            await emails.EnqueueAsync(email, cancellationToken);
        }
    }
}
