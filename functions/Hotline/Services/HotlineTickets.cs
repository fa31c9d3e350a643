using Gonghui.Functions.Calendar;
using Gonghui.Functions.Privacy;

namespace Gonghui.Functions.Hotline;

/// <summary>
/// Opens tickets and applies commands to them: the write side the HTTP functions, routing and the SLA timer share.
/// Every change is announced on <see cref="TicketChangeQueue"/> before it is committed, so a process killed between
/// the two loses no follow-up; an announcement whose version never got committed is dropped by the follow-up.
/// </summary>
public sealed class HotlineTickets(
    TicketStore tickets,
    TicketNumberCounter numbers,
    IntakeIdempotencyStore intakes,
    PhoneIndexStore phones,
    ReferenceDataStore reference,
    TicketChangeQueue changes,
    PhoneNumberHasher phoneHasher,
    TimeProvider clock)
{
    /// <summary>
    /// Validates and opens a ticket. With the same idempotency key, the same body gives the same ticket (even when
    /// retries race: the first key record wins and every attempt finishes creating that one ticket), and another
    /// body is refused. Without a key every call opens a new ticket.
    /// </summary>
    public async Task<IntakeOutcome> OpenAsync(TicketIntakeRequest request, string? idempotencyKey, Actor actor, CancellationToken cancellationToken)
    {
        var data = await reference.GetAsync(cancellationToken);
        var validation = data.IntakeValidator.Validate(request);
        if (!validation.IsValid)
        {
            return IntakeOutcome.Invalid(validation.Errors);
        }

        var body = HotlineJson.Serialize(request);
        var bodyHash = IntakeIdempotencyStore.Hash(body);
        var now = clock.GetUtcNow();
        var key = idempotencyKey is null ? Guid.NewGuid().ToString("N") : "key:" + idempotencyKey;
        var sequence = await numbers.NextAsync(ChinaStandardTime.ToLocalDate(now), cancellationToken);
        var claim = new IntakeRecord(key, bodyHash, Guid.NewGuid().ToString("N"), TicketNumber.For(now, sequence), now, body);
        var record = await intakes.ClaimAsync(claim, cancellationToken);
        if (record.BodyHash != bodyHash)
        {
            return IntakeOutcome.KeyConflict();
        }

        // A retry finishes what the attempt that claimed the key started; a fresh claim's ticket cannot exist yet.
        var existing = record == claim ? null : await tickets.GetAsync(record.TicketId, cancellationToken);
        return IntakeOutcome.Accepted(existing?.Ticket ?? await OpenAsync(record, validation.Intake, actor, data, cancellationToken));
    }

    private async Task<Ticket> OpenAsync(IntakeRecord record, TicketIntake intake, Actor actor, HotlineReference data, CancellationToken cancellationToken)
    {

        var phoneHash = phoneHasher.Hash(intake.Phone);
        var recent = await phones.RecentAsync(phoneHash, record.ReceivedAt, data.Policy.DuplicateWindow, cancellationToken);
        var duplicateOf = DuplicateRule.FindOriginal(
            new DuplicateCandidate(record.TicketId, phoneHash, intake.Category, record.ReceivedAt, null), recent, data.Policy.DuplicateWindow);
        var opened = data.Workflow.Open(record.TicketId, record.Number, intake, phoneHash, duplicateOf, actor, record.ReceivedAt);
        await changes.EnqueueAsync(new TicketChange(record.TicketId, 1), cancellationToken);
        if (!await tickets.CreateAsync(opened.Ticket!, opened.Entry!, cancellationToken))
        {
            return (await tickets.GetAsync(record.TicketId, cancellationToken))!.Ticket;
        }

        await phones.AddAsync(opened.Ticket!, cancellationToken);
        return opened.Ticket!;
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
                await changes.EnqueueAsync(new TicketChange(id, result.Ticket.Version), cancellationToken);
                return CommandOutcome.Done(await tickets.UpdateAsync(current, result.Ticket, result.Entry, cancellationToken));
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
}
