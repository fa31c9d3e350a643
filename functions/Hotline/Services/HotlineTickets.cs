using Gonghui.Functions.Calendar;
using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Hotline.Stores;
using Gonghui.Functions.Json;
using Gonghui.Functions.Privacy;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Hotline.Services;

/// <summary>
/// Opens tickets and applies commands to them: the write side the HTTP functions, routing and the SLA timer share.
/// Every change is committed with its <see cref="TicketOutbox"/> row and then announced on <see cref="TicketChangeQueue"/>;
/// if the process dies between the two, the outbox sweep announces it. A retried intake that lost to its first attempt
/// announces once more (the first may have died before announcing); the follow-up is idempotent.
/// </summary>
public sealed class HotlineTickets(
    TicketStore tickets,
    TicketNumberCounter numbers,
    PhoneIndexStore phones,
    ReferenceDataStore reference,
    TicketChangeQueue changes,
    PhoneNumberHasher phoneHasher,
    HotlineSettings settings,
    TimeProvider clock,
    ILogger<HotlineTickets> logger)
{
    /// <summary>
    /// Validates and opens a ticket. With an idempotency key the ticket's id is derived from the key, so creating the
    /// ticket is itself the claim on the key: of racing retries one creates it and the others read it back; the same
    /// body gives that ticket, another body is refused. Without a key every call opens a new ticket.
    /// </summary>
    public async Task<IntakeOutcome> OpenAsync(TicketIntakeRequest request, string? idempotencyKey, Actor actor, CancellationToken cancellationToken)
    {
        var data = await reference.GetAsync(cancellationToken);
        var validation = data.IntakeValidator.Validate(request);
        if (!validation.IsValid)
        {
            return IntakeOutcome.Invalid(validation.Errors);
        }

        var bodyHash = IntakeKey.BodyHash(AppJson.Serialize(request));
        var id = idempotencyKey is null ? Guid.NewGuid().ToString("N") : IntakeKey.TicketIdFor(idempotencyKey);
        var now = clock.GetUtcNow();
        var number = TicketNumber.For(now, await numbers.NextAsync(ChinaStandardTime.ToLocalDate(now), cancellationToken));
        var intake = validation.Intake;
        var phoneHash = phoneHasher.Hash(intake.Phone);
        var recent = await phones.RecentAsync(phoneHash, cancellationToken);
        var duplicateOf = DuplicateRule.FindOriginal(new DuplicateCandidate(id, phoneHash, intake.Category, now, null), recent.Tickets, data.Policy.DuplicateWindow);
        var opened = data.Workflow.Open(id, number, intake, phoneHash, duplicateOf, actor, now);
        if (await tickets.CreateAsync(opened.Ticket!, opened.Entry!, bodyHash, cancellationToken))
        {
            await Task.WhenAll(
                phones.AddAsync(recent, opened.Ticket!, data.Policy.DuplicateWindow, cancellationToken),
                AnnounceAsync(new TicketChange(id, 1), cancellationToken));
            return IntakeOutcome.Accepted(opened.Ticket!);
        }

        var existing = await tickets.GetOpenedAsync(id, cancellationToken);
        if (existing.IntakeBodyHash != bodyHash)
        {
            return IntakeOutcome.KeyConflict();
        }

        await AnnounceAsync(new TicketChange(id, 1), cancellationToken);
        return IntakeOutcome.Accepted(existing.Current);
    }

    /// <summary>
    /// Assigns a ticket still as it was opened to <paramref name="unit"/>, under the ETag it was read with. The
    /// change is committed without an announcement or outbox row: the follow-up of the intake mails and projects it itself, and
    /// again if its message is redelivered (<see cref="TicketChangeFunction"/>). Null when the ticket changed since
    /// (whoever changed it announced that) or the routing is refused.
    /// </summary>
    public async Task<(Ticket Ticket, TicketHistoryEntry Entry)?> RouteOpenedAsync(StoredTicket opened, HandlingUnit unit, CancellationToken cancellationToken)
    {
        var workflow = (await reference.GetAsync(cancellationToken)).Workflow;
        var result = workflow.Apply(opened.Ticket, new TicketCommand.Assign(unit), Actor.System, clock.GetUtcNow());
        if (!result.Succeeded)
        {
            return null;
        }

        try
        {
            await tickets.UpdateAsync(opened, result.Ticket, result.Entry, announced: false, cancellationToken);
            return (result.Ticket, result.Entry);
        }
        catch (TicketConcurrencyException)
        {
            return null;
        }
    }

    public Task<StoredTicket?> GetAsync(string id, CancellationToken cancellationToken) => tickets.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<TicketHistoryEntry>> GetHistoryAsync(string id, CancellationToken cancellationToken) =>
        tickets.GetHistoryAsync(id, cancellationToken);

    /// <summary>
    /// Applies a command under the ticket's ETag. With <paramref name="ifMatchVersion"/> a ticket changed since the
    /// caller read it is refused (412); without, a lost race is retried against the fresh ticket.
    /// </summary>
    public async Task<CommandOutcome> ApplyAsync(string id, TicketCommand command, Actor actor, int? ifMatchVersion, CancellationToken cancellationToken)
    {
        var workflow = (await reference.GetAsync(cancellationToken)).Workflow;
        while (true)
        {
            var current = await tickets.GetAsync(id, cancellationToken);
            if (current is null)
            {
                return CommandOutcome.Missing;
            }

            if (ifMatchVersion is { } expected && expected != current.Ticket.Version)
            {
                return CommandOutcome.Stale;
            }

            var rejection = TicketAccess.Check(actor, current.Ticket, command);
            if (rejection is not null)
            {
                return CommandOutcome.Rejected(rejection);
            }

            var result = workflow.Apply(current.Ticket, command, actor, clock.GetUtcNow());
            if (!result.Succeeded)
            {
                return CommandOutcome.Rejected(result.Rejection);
            }

            try
            {
                var updated = await tickets.UpdateAsync(current, result.Ticket, result.Entry, announced: true, cancellationToken);
                await AnnounceAsync(new TicketChange(id, result.Ticket.Version), cancellationToken);
                return CommandOutcome.Done(updated);
            }
            catch (TicketConcurrencyException) when (ifMatchVersion is null)
            {
            }
            catch (TicketConcurrencyException)
            {
                return CommandOutcome.Stale;
            }
        }
    }

    /// <summary>Queues a committed change. The change stands if this fails: its outbox row is swept and announced later.</summary>
    private async Task AnnounceAsync(TicketChange change, CancellationToken cancellationToken)
    {
        if (settings.HangAfterChangeCommitted)
        {
            logger.LogWarning("Ticket {TicketId} version {Version} committed; hanging before it is queued (fault injection)",
                change.TicketId, change.Version);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        try
        {
            await changes.EnqueueAsync(change, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Ticket {TicketId} version {Version} is committed but not queued; the outbox sweep announces it",
                change.TicketId, change.Version);
        }
    }
}
