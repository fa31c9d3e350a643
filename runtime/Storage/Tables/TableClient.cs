using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Gonghui.Storage.Pipeline;

namespace Gonghui.Storage.Tables;

/// <summary>
/// Entities of one table over the Table REST API. Member names and semantics follow Azure.Data.Tables'
/// TableClient. Failures throw <see cref="RequestFailedException"/> with the HTTP status and storage error code.
/// </summary>
public sealed class TableClient
{
    internal const string ServiceVersion = "2019-02-02";
    private const string JsonWithTypes = "application/json;odata=minimalmetadata";

    private readonly HttpPipeline _pipeline;
    private readonly Uri _accountEndpoint;

    internal TableClient(HttpPipeline pipeline, Uri accountEndpoint, string tableName)
    {
        _pipeline = pipeline;
        _accountEndpoint = accountEndpoint;
        Name = tableName;
    }

    public string Name { get; }

    public Uri Uri => new($"{_accountEndpoint.ToString().TrimEnd('/')}/{Name}");

    /// <summary>
    /// Creates the table; a table that exists already is not an error (409 TableAlreadyExists is returned as is).
    /// A table still being deleted is (409 TableBeingDeleted): it cannot be used until the service has removed it.
    /// </summary>
    public async Task<Response> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, "/Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is 201 or 204 || (response.Status == 409 && StorageErrors.HasErrorCode(response, "TableAlreadyExists")))
            return response;
        throw StorageErrors.ToException(response, $"Create table {Name}");
    }

    /// <summary>Deletes the table; a table that does not exist is not an error.</summary>
    public async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, $"/Tables('{Escape(Name)}')");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is 204 or 404)
            return response;
        throw StorageErrors.ToException(response, $"Delete table {Name}");
    }

    public async Task<Response<TableEntity>> GetEntityAsync(string partitionKey, string rowKey,
        IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var response = await GetEntityIfExistsAsync(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
            throw StorageErrors.ToException(response.GetRawResponse(), $"Get entity {Name}({partitionKey},{rowKey})");
        return Response.FromValue(response.Value!, response.GetRawResponse());
    }

    public async Task<NullableResponse<TableEntity>> GetEntityIfExistsAsync(string partitionKey, string rowKey,
        IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, "/" + Name + EntityKeyPath(partitionKey, rowKey));
        AppendSelect(message, select);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
            return new TableNullableResponse(response, null);
        if (response.Status != 200)
            throw StorageErrors.ToException(response, $"Get entity {Name}({partitionKey},{rowKey})");
        using var doc = JsonDocument.Parse(response.Content.ToMemory());
        response.Headers.TryGetValue("ETag", out var etag);
        return new TableNullableResponse(response, TableEntityJson.ReadEntity(doc.RootElement, etag));
    }

    /// <summary>Inserts a new entity; 409 EntityAlreadyExists when one has these keys. The ETag is in the response headers.</summary>
    public async Task<Response> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, "/" + Name);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message, TableEntityJson.Serialize(entity));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is 201 or 204)
            return response;
        throw StorageErrors.ToException(response, $"Add entity {Name}({entity.PartitionKey},{entity.RowKey})");
    }

    /// <summary>Inserts or updates regardless of what is stored (no ETag check).</summary>
    public Task<Response> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge,
        CancellationToken cancellationToken = default) =>
        WriteEntityAsync(entity, mode, ifMatch: null, "Upsert", cancellationToken);

    /// <summary>
    /// Updates an existing entity if its ETag still matches <paramref name="ifMatch"/>
    /// (<see cref="ETag.All"/> for unconditional); 412 UpdateConditionNotSatisfied when someone changed it first.
    /// </summary>
    public Task<Response> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge,
        CancellationToken cancellationToken = default) =>
        WriteEntityAsync(entity, mode, ifMatch == default ? ETag.All.ToString() : ifMatch.ToString(), "Update", cancellationToken);

    private async Task<Response> WriteEntityAsync(TableEntity entity, TableUpdateMode mode, string? ifMatch, string operation,
        CancellationToken cancellationToken)
    {
        var method = mode == TableUpdateMode.Merge ? MergeMethod : RequestMethod.Put;
        using var message = CreateMessage(method, "/" + Name + EntityKeyPath(entity.PartitionKey, entity.RowKey));
        if (ifMatch is not null)
            message.Request.Headers.SetValue("If-Match", ifMatch);
        SetJsonContent(message, TableEntityJson.Serialize(entity));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 204)
            return response;
        throw StorageErrors.ToException(response, $"{operation} entity {Name}({entity.PartitionKey},{entity.RowKey})");
    }

    /// <summary>
    /// Deletes an entity if its ETag matches (default: unconditionally). An entity that is already gone is not
    /// an error (the response is 404); a changed one is (412).
    /// </summary>
    public async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default,
        CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, "/" + Name + EntityKeyPath(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch == default ? "*" : ifMatch.ToString());
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is 204 or 404)
            return response;
        throw StorageErrors.ToException(response, $"Delete entity {Name}({partitionKey},{rowKey})");
    }

    /// <summary>
    /// Queries entities. Build <paramref name="filter"/> with <see cref="TableOdataFilter.Create"/> so values are escaped.
    /// Pages follow the service's continuation tokens; iterate the result or call AsPages.
    /// </summary>
    public AsyncPageable<TableEntity> QueryAsync(string? filter = null, int? maxPerPage = null,
        IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var selected = select?.ToArray();
        return new TableQueryPageable(
            (token, pageSize, ct) => QueryPageAsync(filter, pageSize, selected, token, ct),
            maxPerPage, cancellationToken);
    }

    private async Task<Page<TableEntity>> QueryPageAsync(string? filter, int? pageSize, string[]? select,
        string? continuationToken, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, "/" + Name + "()");
        var uri = message.Request.Uri;
        if (!string.IsNullOrWhiteSpace(filter))
            uri.AppendQuery("$filter", filter);
        if (pageSize is > 0)
            uri.AppendQuery("$top", Math.Min(pageSize.Value, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        AppendSelect(message, select);
        if (!string.IsNullOrEmpty(continuationToken))
        {
            var keys = continuationToken.Split(' ', 2);
            uri.AppendQuery("NextPartitionKey", keys[0]);
            if (keys.Length > 1 && keys[1].Length > 0)
                uri.AppendQuery("NextRowKey", keys[1]);
        }

        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
            throw StorageErrors.ToException(response, $"Query {Name}");
        List<TableEntity> entities;
        using (var doc = JsonDocument.Parse(response.Content.ToMemory()))
        {
            var values = doc.RootElement.GetProperty("value");
            entities = new List<TableEntity>(values.GetArrayLength());
            var names = new TablePropertyNameCache();
            foreach (var element in values.EnumerateArray())
                entities.Add(TableEntityJson.ReadEntity(element, names: names));
        }
        string? next = null;
        if (response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPk))
        {
            response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRk);
            next = nextPk + " " + nextRk;
        }
        return Page<TableEntity>.FromValues(entities, next, response);
    }

    /// <summary>
    /// Commits up to 100 operations on one partition atomically. If any fails, nothing is written and a
    /// <see cref="TableTransactionFailedException"/> names the failing operation's index.
    /// </summary>
    public async Task<Response<IReadOnlyList<TableTransactionResult>>> SubmitTransactionAsync(
        IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        var list = actions.ToList();
        if (list.Count == 0)
            throw new ArgumentException("A transaction needs at least one action.", nameof(actions));
        if (list.Count > TableTransactionBatch.MaxOperations)
            throw new ArgumentException($"A transaction holds at most {TableTransactionBatch.MaxOperations} actions; got {list.Count}.", nameof(actions));
        if (list.Select(a => a.Entity.PartitionKey).Distinct(StringComparer.Ordinal).Count() > 1)
            throw new ArgumentException("All actions of a transaction must share one PartitionKey.", nameof(actions));

        var (contentType, body) = TableTransactionBatch.Build(Uri, list);
        using var message = CreateMessage(RequestMethod.Post, "/$batch");
        message.Request.Headers.SetValue("Content-Type", contentType);
        message.Request.Content = RequestContent.Create(body);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 202)
            throw StorageErrors.ToException(response, $"Transaction on {Name}");
        var results = TableTransactionBatch.ReadResponse(response.Content.ToString(), list.Count);
        return Response.FromValue(results, response);
    }

    internal static string EntityKeyPath(string partitionKey, string rowKey) =>
        $"(PartitionKey='{Escape(partitionKey)}',RowKey='{Escape(rowKey)}')";

    private static string Escape(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static readonly RequestMethod MergeMethod = new("MERGE");

    private HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(_accountEndpoint);
        request.Uri.AppendPath(path, escape: false);
        request.Headers.SetValue("x-ms-version", ServiceVersion);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.SetValue("Accept", JsonWithTypes);
        return message;
    }

    private static void SetJsonContent(HttpMessage message, byte[] json)
    {
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(json);
    }

    /// <summary>The keys are always selected too, so a projected entity still says which entity it is.</summary>
    private static void AppendSelect(HttpMessage message, IEnumerable<string>? select)
    {
        var columns = select?.ToArray();
        if (columns is not { Length: > 0 })
            return;
        var withKeys = columns.Union([TableEntity.PartitionKeyName, TableEntity.RowKeyName], StringComparer.Ordinal);
        message.Request.Uri.AppendQuery("$select", string.Join(',', withKeys));
    }

    private ValueTask<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken) =>
        _pipeline.SendRequestAsync(message, cancellationToken);

    private sealed class TableNullableResponse(Response response, TableEntity? value) : NullableResponse<TableEntity>
    {
        public override bool HasValue => value is not null;
        public override TableEntity? Value => value;
        public override Response GetRawResponse() => response;
    }
}
