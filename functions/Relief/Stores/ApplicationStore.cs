using Gonghui.Functions.Json;
using Gonghui.Functions.Validation;
using System.Collections.Concurrent;
using Azure.Data.Tables;
using Gonghui.Functions.Money;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Relief.Stores;

/// <summary>An application as stored: what was submitted, by whom, and the latest workflow state (null until the orchestration first saves it).</summary>
public sealed record StoredApplication(
    string ApplicationId,
    string Unit,
    string SubmittedById,
    string SubmittedByName,
    DateTimeOffset SubmittedAt,
    ReliefApplicationDetails Details,
    ReliefApprovalState? State)
{
    /// <summary>The step number of <see cref="State"/> (0 before the first save) and the row's ETag, as read.</summary>
    public int Sequence { get; init; }

    public Azure.ETag ETag { get; init; }
}

/// <summary>Another application of the same person in the same program, as eligibility needs it.</summary>
public sealed record PersonApplication(string ApplicationId, ReliefApplicationStatus Status, Yuan Amount, int Year);

/// <summary>
/// Relief applications: one row per application id with the submitted details and the workflow state the
/// orchestration saved last (the projection GET reads). The national ID is kept as a keyed hash; the full number only
/// inside the details. A person's applications in a program are listed in a partition of their own
/// (<c>person|{hash}|{program}</c>, one row per application id), so "same person" lookups read one small partition
/// instead of scanning every application. The rows this instance read or saved last are remembered for the
/// workflow's steps (<see cref="GetForStepAsync"/>).
/// </summary>
public sealed class ApplicationStore(TableServiceClient tables)
{
    public const string TableName = "ReliefApplications";
    private const int MaxRemembered = 10_000;

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private readonly ConcurrentDictionary<string, StoredApplication> _remembered = new(StringComparer.Ordinal);

    /// <summary>
    /// Lists the application under its person, then adds it; false when the id exists already (a repeated submission).
    /// Listed first, an application is never stored without its person's row; a row whose application is missing is
    /// skipped by <see cref="FindByPersonAsync"/>.
    /// </summary>
    public async Task<bool> AddAsync(StoredApplication application, string nationalIdHash, CancellationToken cancellationToken = default)
    {
        await _table.UpsertEntityAsync(new TableEntity(PersonPartition(nationalIdHash, application.Details.ProgramCode), application.ApplicationId),
            TableUpdateMode.Replace, cancellationToken);
        try
        {
            await _table.AddEntityAsync(new TableEntity(application.ApplicationId, "")
            {
                ["Unit"] = application.Unit,
                ["SubmittedById"] = application.SubmittedById,
                ["SubmittedByName"] = application.SubmittedByName,
                ["SubmittedAt"] = application.SubmittedAt,
                ["Year"] = ChinaStandardTime.ToLocalDate(application.SubmittedAt).Year,
                ["AmountFen"] = application.Details.RequestedAmount.Fen,
                ["Status"] = WireNames<ReliefApplicationStatus>.Of(ReliefApplicationStatus.Submitted),
                ["Details"] = AppJson.Serialize(application.Details),
            }, cancellationToken);
            return true;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<StoredApplication?> GetAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(applicationId, "", cancellationToken: cancellationToken);
        if (!found.HasValue) return null;
        var row = found.Value!;
        var application = new StoredApplication(row.PartitionKey, row.GetString("Unit") ?? "", row.GetString("SubmittedById") ?? "",
            row.GetString("SubmittedByName") ?? "", row.GetDateTimeOffset("SubmittedAt") ?? default,
            AppJson.Deserialize<ReliefApplicationDetails>(row.GetString("Details")!), AppJson.DeserializeOptional<ReliefApprovalState>(row.GetString("State")))
        {
            Sequence = row.GetInt32("Sequence") ?? 0,
            ETag = row.ETag,
        };
        Remember(application);
        return application;
    }

    /// <summary>
    /// The application as a workflow step needs it, without a read when this instance read or saved its row before:
    /// the details as submitted (they never change) and the row's sequence and ETag as last seen here, for
    /// <see cref="SaveStateAsync"/> to try first (another instance's save in between costs that save a re-read). Its
    /// <see cref="StoredApplication.State"/> may be behind: the step's state is the orchestration's, not this one.
    /// </summary>
    public async Task<StoredApplication?> GetForStepAsync(string applicationId, CancellationToken cancellationToken = default) =>
        _remembered.TryGetValue(applicationId, out var known) ? known : await GetAsync(applicationId, cancellationToken);

    private void Remember(StoredApplication application)
    {
        if (_remembered.Count >= MaxRemembered)
            _remembered.Clear();
        _remembered[application.ApplicationId] = application;
    }

    /// <summary>
    /// Saves the workflow state of step <paramref name="sequence"/> unless a later step's state is stored already
    /// (a late rerun of an earlier activity must not turn the projection back). <paramref name="known"/> is the row as
    /// the caller read it: its sequence and ETag are tried first, so a save without a race is one request.
    /// </summary>
    public async Task SaveStateAsync(ReliefApprovalState state, int sequence, StoredApplication? known = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var (saved, etag) = known is not null ? (known.Sequence, known.ETag) : await ReadSequenceAsync(state.ApplicationId, cancellationToken);
            known = null;
            if (saved >= sequence) return;
            try
            {
                var response = await _table.UpdateEntityAsync(new TableEntity(state.ApplicationId, "")
                {
                    ["Sequence"] = sequence,
                    ["Status"] = WireNames<ReliefApplicationStatus>.Of(state.Status),
                    ["State"] = AppJson.Serialize(state),
                }, etag, TableUpdateMode.Merge, cancellationToken);
                if (_remembered.TryGetValue(state.ApplicationId, out var remembered) && response.Headers.ETag is { } newETag)
                    _remembered[state.ApplicationId] = remembered with { State = state, Sequence = sequence, ETag = newETag };
                return;
            }
            catch (Azure.RequestFailedException e) when (e.Status == 412)
            {
            }
        }
    }

    private async Task<(int Sequence, Azure.ETag ETag)> ReadSequenceAsync(string applicationId, CancellationToken cancellationToken)
    {
        var row = (await _table.GetEntityAsync<TableEntity>(applicationId, "", ["Sequence"], cancellationToken)).Value;
        return (row.GetInt32("Sequence") ?? 0, row.ETag);
    }

    /// <summary>The person's applications in one program (found by national ID hash), this one excluded.</summary>
    public async Task<IReadOnlyList<PersonApplication>> FindByPersonAsync(
        string nationalIdHash, string programCode, string exceptApplicationId, CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {PersonPartition(nationalIdHash, programCode)}"),
                           select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (row.RowKey != exceptApplicationId)
                ids.Add(row.RowKey);
        }
        var rows = await Task.WhenAll(ids.Select(id => _table.GetEntityIfExistsAsync<TableEntity>(id, "", ["Status", "AmountFen", "Year"], cancellationToken)));
        var found = new List<PersonApplication>();
        foreach (var (id, row) in ids.Zip(rows))
        {
            if (!row.HasValue || !WireNames<ReliefApplicationStatus>.TryParse(row.Value!.GetString("Status"), out var status))
                continue;
            found.Add(new PersonApplication(id, status, Yuan.FromFen(row.Value.GetInt64("AmountFen") ?? 0), row.Value.GetInt32("Year") ?? 0));
        }
        return found;
    }

    private static string PersonPartition(string nationalIdHash, string programCode) => $"person|{nationalIdHash}|{programCode}";
}
