using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Hotline.Stores;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Hotline.Services;

/// <summary>
/// Records the SLA events due on a ticket (warnings, breaches, transfer escalation, an overdue callback) as history entries, each under
/// the ticket's ETag, so of two timers or instances only one records an event; the e-mail follows from the
/// committed entry (<see cref="HotlineEmails"/>).
/// </summary>
public sealed class SlaEvents(HotlineTickets tickets, ReferenceDataStore reference, TimeProvider clock, ILogger<SlaEvents> logger)
{
    /// <summary>Raises what is due now; answers the ticket's next check instant afterwards (null: none, or gone).</summary>
    public async Task<DateTimeOffset?> RaiseDueAsync(string ticketId, CancellationToken cancellationToken)
    {
        var sla = (await reference.GetAsync(cancellationToken)).Workflow.Sla;
        var stored = await tickets.GetAsync(ticketId, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        foreach (var due in sla.DueEvents(stored.Ticket, clock.GetUtcNow()))
        {
            var outcome = await tickets.ApplyAsync(ticketId, new TicketCommand.RaiseSlaEvent(due.Key), Actor.System, null, cancellationToken);
            if (outcome.Updated is not null)
            {
                logger.LogInformation("SLA event {Event} raised on ticket {TicketId}", due.Key, ticketId);
            }
        }

        var latest = await tickets.GetAsync(ticketId, cancellationToken);
        return latest is null ? null : sla.NextCheckAt(latest.Ticket);
    }
}
