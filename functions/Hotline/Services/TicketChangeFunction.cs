using System.Diagnostics;
using Gonghui.Functions.Notifications;
using Gonghui.Hosting.Functions;
using Gonghui.Hosting.Triggers;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Hotline;

/// <summary>
/// Follows up a committed ticket change (version N): mails what the change calls for (keyed by ticket and version, so
/// once), routes a ticket still waiting for a unit, adds the change's figures delta (once per version), re-indexes
/// the ticket for lists and the SLA timer, and raises SLA events already due (the escalation after a third
/// transfer goes out at once). Every step is idempotent, so redelivery and concurrent instances are safe.
/// </summary>
public sealed class TicketChangeFunction(
    TicketStore store,
    FigureStore figures,
    TicketIndexStore index,
    ReferenceDataStore reference,
    HotlineTickets tickets,
    SlaEvents slaEvents,
    EmailOutbox outbox,
    TimeProvider clock,
    ILogger<TicketChangeFunction> logger)
{
    /// <summary>Deliveries after which a change whose version is still not committed is taken as never committed.</summary>
    public const int UncommittedDeliveries = 3;

    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(2);

    [Function("HotlineTicketChange")]
    public async Task Run([QueueTrigger(TicketChangeQueue.QueueName)] TicketChange change, long dequeueCount, CancellationToken cancellationToken)
    {
        if (await CommittedVersionAsync(change, cancellationToken) is not { } committed)
        {
            if (dequeueCount < UncommittedDeliveries)
            {
                throw new TicketVersionNotCommittedException(change.TicketId, change.Version);
            }

            logger.LogInformation("Ticket {TicketId} version {Version} was announced but never committed; nothing to follow up",
                change.TicketId, change.Version);
            return;
        }

        // What someone waits for first (the unit's e-mail, routing), then the projections.
        var data = await reference.GetAsync(cancellationToken);
        foreach (var email in HotlineEmails.For(committed.Snapshot, committed.Entry, data.Routing))
        {
            await outbox.EnqueueAsync(email, cancellationToken);
        }

        var current = await store.GetAsync(change.TicketId, cancellationToken);
        var isLatest = current is not null && current.Ticket.Version == change.Version;
        if (isLatest && current!.Ticket.Status == TicketStatus.Received && current.Ticket.MergedInto is null)
        {
            await RouteAsync(current.Ticket, data, cancellationToken);
            isLatest = false;
        }

        var before = change.Version > 1 ? (await store.GetVersionAsync(change.TicketId, change.Version - 1, cancellationToken))?.Snapshot : null;
        await figures.ApplyAsync(change.TicketId, change.Version, TicketContribution.Delta(before, committed.Snapshot), cancellationToken);

        // A later version has its own message, which indexes the newer state.
        if (isLatest)
        {
            await index.IndexAsync(current!.Ticket, data.Workflow.Sla.NextCheckAt(current.Ticket), cancellationToken);
            if (data.Workflow.Sla.DueEvents(current.Ticket, clock.GetUtcNow()).Count > 0)
            {
                await slaEvents.RaiseDueAsync(current.Ticket.Id, cancellationToken);
            }
        }
    }

    // The change is announced just before its commit, so the commit may still be on its way.
    private async Task<(Ticket Snapshot, TicketHistoryEntry Entry)?> CommittedVersionAsync(TicketChange change, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (await store.GetVersionAsync(change.TicketId, change.Version, cancellationToken) is { } committed)
            {
                return committed;
            }

            if (waited.Elapsed >= CommitWait)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private async Task RouteAsync(Ticket ticket, HotlineReference data, CancellationToken cancellationToken)
    {
        if (data.Routing.Route(ticket.RegionCode, ticket.Category) is not { } decision)
        {
            logger.LogError("No routing rule covers region {Region}; ticket {TicketId} waits for an operator to assign it", ticket.RegionCode, ticket.Id);
            return;
        }

        var outcome = await tickets.ApplyAsync(ticket.Id, new TicketCommand.Assign(decision.Unit), Actor.System, null, cancellationToken);
        if (outcome.Rejection is { } rejection)
        {
            logger.LogInformation("Ticket {TicketId} was not routed: {Code}", ticket.Id, rejection.Code);
        }
    }
}
