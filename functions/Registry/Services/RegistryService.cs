using Azure;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Import;
using Gonghui.Functions.Registry.Stores;
using Gonghui.Functions.Validation;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Registry.Services;

/// <summary>
/// What the registry's HTTP functions and pages call. Every operation takes the caller (role and region scope) and
/// answers a <see cref="RegistryResult{T}"/>; no operation hands out a full national ID except <see cref="RevealAsync"/>,
/// which records who looked. Every write is safe to retry: creating the same person again meets their record,
/// an update or status change that is already in place writes nothing, a reveal is recorded once per reveal id.
/// </summary>
public sealed class RegistryService(
    RecordStore records,
    SearchIndexStore index,
    RevealAuditStore reveals,
    RegistrySettings settings,
    TimeProvider clock,
    ILogger<RegistryService> logger)
{
    public AwardCatalog Awards { get; } = AwardCatalog.Default;

    public async Task<RegistryResult<SearchPage>> SearchAsync(RegistryCaller caller, RegistrySearchQuery query, CancellationToken cancellationToken)
    {
        var prefix = SearchScope.PrefixFor(caller, query.Region);
        if (prefix is null) return RegistryResult<SearchPage>.Fail(RegistryOutcome.OutOfScope);
        return RegistryResult<SearchPage>.Ok(await index.SearchAsync(query, prefix, cancellationToken));
    }

    public async Task<RegistryResult<RecordWithHistory>> GetAsync(RegistryCaller caller, string recordId, CancellationToken cancellationToken)
    {
        var (stored, failure) = await ReadAsync(caller, recordId, cancellationToken);
        if (stored is null) return RegistryResult<RecordWithHistory>.Fail(failure);
        var history = records.GetHistoryAsync(recordId, cancellationToken);
        var looks = reveals.ListAsync(recordId, cancellationToken);
        return RegistryResult<RecordWithHistory>.Ok(new RecordWithHistory(RegistryRecordView.Of(stored), await history, await looks));
    }

    /// <summary>A new, active record. The same person created again answers their record (Ok) when nothing differs, else AlreadyRegistered.</summary>
    public async Task<RegistryResult<RegistryRecordView>> CreateAsync(RegistryCaller caller, RegistryRecordInput input, CancellationToken cancellationToken)
    {
        var validated = RegistryRecordValidator.Validate(input, Awards, Today);
        if (!validated.IsValid) return RegistryResult<RegistryRecordView>.Invalid(validated.Errors);
        var person = validated.Value!;
        if (!caller.CanAccess(person.Region)) return RegistryResult<RegistryRecordView>.Fail(RegistryOutcome.OutOfScope);
        var hash = settings.NationalIdHasher.Hash(person.NationalId);
        var recordId = RegistryRecordId.FromHash(hash);
        var existing = await records.GetAsync(recordId, cancellationToken);
        if (existing is null)
        {
            var created = await CreateRecordAsync(caller, recordId, hash, person, RecordStanding.Active, reason: null, cancellationToken);
            if (created is not null) return RegistryResult<RegistryRecordView>.Created(RegistryRecordView.Of(created));
            existing = await records.GetAsync(recordId, cancellationToken);
        }
        if (!existing!.Record.Person.SameAs(person) || !caller.CanAccess(existing.Record.Person.Region))
            return RegistryResult<RegistryRecordView>.Fail(RegistryOutcome.AlreadyRegistered);
        // A retry of this create: the first attempt may have stopped between the record and its search row.
        await index.IndexAsync(RegistrySummary.Of(existing.Record), null, cancellationToken);
        return RegistryResult<RegistryRecordView>.Ok(RegistryRecordView.Of(existing));
    }

    /// <summary>
    /// Replaces the person's details if the record is still at <paramref name="ifMatch"/>. The national ID cannot change (it
    /// is the record's identity). An update that changes nothing answers the record as it is, whatever the ETag.
    /// </summary>
    public async Task<RegistryResult<RegistryRecordView>> UpdateAsync(RegistryCaller caller, string recordId, string ifMatch, RegistryRecordInput input,
        string? reason, CancellationToken cancellationToken)
    {
        var (stored, failure) = await ReadAsync(caller, recordId, cancellationToken);
        if (stored is null) return RegistryResult<RegistryRecordView>.Fail(failure);
        var validated = RegistryRecordValidator.Validate(input, Awards, Today);
        if (!validated.IsValid) return RegistryResult<RegistryRecordView>.Invalid(validated.Errors);
        var person = validated.Value!;
        if (person.NationalId != stored.Record.Person.NationalId)
            return RegistryResult<RegistryRecordView>.Invalid([new FieldError("nationalId", RegistryErrorCodes.NationalIdChanged)]);
        if (!caller.CanAccess(person.Region)) return RegistryResult<RegistryRecordView>.Fail(RegistryOutcome.OutOfScope);
        if (person.SameAs(stored.Record.Person))
        {
            await index.IndexAsync(RegistrySummary.Of(stored.Record), null, cancellationToken);
            return RegistryResult<RegistryRecordView>.Ok(RegistryRecordView.Of(stored));
        }
        if (stored.ETag != new ETag(ifMatch)) return RegistryResult<RegistryRecordView>.Fail(RegistryOutcome.Stale);
        var text = reason?.Trim();
        try
        {
            var saved = await ChangeRecordAsync(caller, stored, person, stored.Record.Standing, RegistryAction.Updated,
                string.IsNullOrEmpty(text) ? null : text, cancellationToken);
            return RegistryResult<RegistryRecordView>.Ok(RegistryRecordView.Of(saved));
        }
        catch (RecordConcurrencyException)
        {
            return RegistryResult<RegistryRecordView>.Fail(RegistryOutcome.Stale);
        }
    }

    /// <summary>
    /// Revokes, marks deceased or restores a record, with the reason (and date) the rules ask for. With
    /// <paramref name="ifMatch"/> the record must still be at that version. Asking again for the status the record has,
    /// with the same reason, answers the record as it is (a retry).
    /// </summary>
    public async Task<RegistryResult<RegistryRecordView>> ChangeStatusAsync(RegistryCaller caller, string recordId, string? ifMatch, StatusChangeInput input,
        CancellationToken cancellationToken)
    {
        var (stored, failure) = await ReadAsync(caller, recordId, cancellationToken);
        if (stored is null) return RegistryResult<RegistryRecordView>.Fail(failure);
        var current = stored.Record.Standing;
        if (StatusRules.TryParseStatus(input.Status, out var asked) && asked == current.Status && input.Reason?.Trim() == current.Reason)
            return RegistryResult<RegistryRecordView>.Ok(RegistryRecordView.Of(stored));
        var validated = StatusRules.Validate(input, current, caller.IsAdmin, Today);
        if (!validated.IsValid) return RegistryResult<RegistryRecordView>.Invalid(validated.Errors);
        if (ifMatch is not null && stored.ETag != new ETag(ifMatch)) return RegistryResult<RegistryRecordView>.Fail(RegistryOutcome.Stale);
        try
        {
            var saved = await ChangeRecordAsync(caller, stored, stored.Record.Person, validated.Value!, RegistryAction.StatusChanged, validated.Value!.Reason,
                cancellationToken);
            return RegistryResult<RegistryRecordView>.Ok(RegistryRecordView.Of(saved));
        }
        catch (RecordConcurrencyException)
        {
            return RegistryResult<RegistryRecordView>.Fail(RegistryOutcome.Stale);
        }
    }

    /// <summary>
    /// The full national ID, recorded under <paramref name="revealId"/> (the HTTP layer passes the request's idempotency
    /// key or a new id) before it is returned: a reveal that could not be recorded shows nothing.
    /// </summary>
    public async Task<RegistryResult<RevealedNationalId>> RevealAsync(RegistryCaller caller, string recordId, string revealId, CancellationToken cancellationToken)
    {
        var (stored, failure) = await ReadAsync(caller, recordId, cancellationToken);
        if (stored is null) return RegistryResult<RevealedNationalId>.Fail(failure);
        if (string.IsNullOrWhiteSpace(revealId) || revealId.Length > 100 || revealId.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?'))
            return RegistryResult<RevealedNationalId>.Invalid([new FieldError("revealId", RegistryErrorCodes.InvalidCharacters)]);
        var at = clock.GetUtcNow();
        await reveals.RecordAsync(new RevealAuditEntry(recordId, revealId, at, caller.Id, caller.Name, RevealAuditStore.SingleReveal), cancellationToken);
        logger.LogInformation("Registry record {RecordId}: national ID revealed to {ActorId} ({RevealId})", recordId, caller.Id, revealId);
        return RegistryResult<RevealedNationalId>.Ok(new RevealedNationalId(recordId, stored.Record.Person.NationalId, revealId, at));
    }

    /// <summary>
    /// Checks a CSV file of the import template and, unless <paramref name="dryRun"/> or any row is bad, writes it: new people
    /// become records, rows matching a record by national ID and award update it (with history), rows that change nothing
    /// write nothing. The report lists every bad row and what was (or would be) created, updated and left unchanged.
    /// </summary>
    public async Task<RegistryResult<ImportReport>> ImportAsync(RegistryCaller caller, Stream csv, string fileName, bool dryRun,
        CancellationToken cancellationToken)
    {
        var bytes = await RegistryCsvReader.ReadBoundedAsync(csv, cancellationToken);
        var parsed = bytes is null ? RegistryCsvReader.TooLarge : RegistryCsvReader.Read(bytes, Awards, Today);
        var plan = await ImportPlanner.PlanAsync(parsed, caller, settings.NationalIdHasher, records, Today, cancellationToken);
        if (plan.Errors.Count > 0 || dryRun) return RegistryResult<ImportReport>.Ok(plan.Report(dryRun || plan.Errors.Count > 0));
        var reason = $"导入文件 {Path.GetFileName(fileName)}";
        await Parallel.ForEachAsync(plan.People, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (planned, token) => await ApplyImportAsync(caller, planned.Person, planned.Existing, reason, token));
        logger.LogInformation("Registry import {File} by {ActorId}: {Created} created, {Updated} updated, {Unchanged} unchanged",
            Path.GetFileName(fileName), caller.Id, plan.Created, plan.Updated, plan.Unchanged);
        return RegistryResult<ImportReport>.Ok(plan.Report(dryRun: false));
    }

    /// <summary>
    /// Writes the records the query finds (every page) as CSV in the import template's columns, UTF-8 with a BOM so Excel reads
    /// the Chinese right. National IDs and phones are masked unless <paramref name="revealIds"/> and the caller may export them
    /// (admins), in which case every exported record is recorded as revealed under <paramref name="exportId"/>.
    /// </summary>
    public async Task<RegistryResult<ExportSummary>> ExportAsync(RegistryCaller caller, RegistrySearchQuery query, bool revealIds, string exportId,
        Stream output, CancellationToken cancellationToken)
    {
        var prefix = SearchScope.PrefixFor(caller, query.Region);
        if (prefix is null) return RegistryResult<ExportSummary>.Fail(RegistryOutcome.OutOfScope);
        if (revealIds && !caller.MayExportFullIds) return RegistryResult<ExportSummary>.Fail(RegistryOutcome.OutOfScope);
        var at = clock.GetUtcNow();
        await using var writer = RegistryCsvWriter.Create(output, Awards);
        var count = 0;
        var page = query with { PageSize = RegistrySearchQuery.MaxPageSize, After = null };
        while (true)
        {
            var found = await index.SearchAsync(page, prefix, cancellationToken);
            foreach (var summary in found.Items)
            {
                if (revealIds)
                {
                    var stored = await records.GetAsync(summary.RecordId, cancellationToken);
                    if (stored is null) continue;
                    await reveals.RecordAsync(new RevealAuditEntry(summary.RecordId, exportId, at, caller.Id, caller.Name, RevealAuditStore.Export), cancellationToken);
                    writer.Write(stored.Record.Person, stored.Record.Standing);
                }
                else
                {
                    writer.Write(summary);
                }
                count++;
            }
            if (found.Next is null) break;
            page = page with { After = found.Next };
        }
        await writer.FlushAsync(cancellationToken);
        logger.LogInformation("Registry export by {ActorId}: {Count} records, national IDs {Shown}", caller.Id, count, revealIds ? "in full" : "masked");
        return RegistryResult<ExportSummary>.Ok(new ExportSummary(count, revealIds));
    }

    private DateOnly Today => ChinaStandardTime.ToLocalDate(clock.GetUtcNow());

    private async Task<(StoredRecord? Record, RegistryOutcome Failure)> ReadAsync(RegistryCaller caller, string recordId, CancellationToken cancellationToken)
    {
        if (!RegistryRecordId.IsWellFormed(recordId)) return (null, RegistryOutcome.NotFound);
        var stored = await records.GetAsync(recordId, cancellationToken);
        if (stored is null) return (null, RegistryOutcome.NotFound);
        return caller.CanAccess(stored.Record.Person.Region) ? (stored, RegistryOutcome.Ok) : (null, RegistryOutcome.OutOfScope);
    }

    private async Task<StoredRecord?> CreateRecordAsync(RegistryCaller caller, string recordId, string hash, PersonDetails person, RecordStanding standing,
        string? reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var record = new ModelWorkerRecord(recordId, person, standing, 1, now, now);
        var entry = new RegistryHistoryEntry(1, now, caller.Id, caller.Name, RegistryAction.Created, RecordChanges.Between(null, null, person, standing), reason);
        var created = await records.CreateAsync(record, hash, entry, cancellationToken);
        if (created is null) return null;
        await index.IndexAsync(RegistrySummary.Of(record), null, cancellationToken);
        logger.LogInformation("Registry record {RecordId} created by {ActorId}", recordId, caller.Id);
        return created;
    }

    private async Task<StoredRecord> ChangeRecordAsync(RegistryCaller caller, StoredRecord current, PersonDetails person, RecordStanding standing,
        RegistryAction action, string? reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var before = current.Record;
        var next = before with { Person = person, Standing = standing, Version = before.Version + 1, UpdatedAt = now };
        var entry = new RegistryHistoryEntry(next.Version, now, caller.Id, caller.Name, action,
            RecordChanges.Between(before.Person, before.Standing, person, standing), reason);
        var saved = await records.UpdateAsync(current, next, settings.NationalIdHasher.Hash(person.NationalId), entry, cancellationToken);
        await index.IndexAsync(RegistrySummary.Of(next), RegistrySummary.Of(before), cancellationToken);
        logger.LogInformation("Registry record {RecordId} {Action} by {ActorId} (version {Version})", next.Id, action, caller.Id, next.Version);
        return saved;
    }

    /// <summary>
    /// One person of an import: created, or brought to the file's details from the record as planning read it; read again
    /// and merged again when the record changed meanwhile.
    /// </summary>
    private async Task ApplyImportAsync(RegistryCaller caller, ImportedPerson person, StoredRecord? planned, string reason, CancellationToken cancellationToken)
    {
        var existing = planned;
        while (true)
        {
            if (existing is null)
            {
                if (await CreateRecordAsync(caller, person.RecordId, person.Hash, person.Details, person.Standing ?? RecordStanding.Active, reason,
                        cancellationToken) is not null)
                    return;
                existing = await records.GetAsync(person.RecordId, cancellationToken);
                continue;
            }
            var (details, standing) = person.MergeInto(existing.Record);
            if (details.SameAs(existing.Record.Person) && standing == existing.Record.Standing)
            {
                await index.IndexAsync(RegistrySummary.Of(existing.Record), null, cancellationToken);
                return;
            }
            try
            {
                var action = standing.Status != existing.Record.Status ? RegistryAction.StatusChanged : RegistryAction.Updated;
                await ChangeRecordAsync(caller, existing, details, standing, action, reason, cancellationToken);
                return;
            }
            catch (RecordConcurrencyException)
            {
                existing = await records.GetAsync(person.RecordId, cancellationToken);
            }
        }
    }
}
