using System.Globalization;
using System.Text;
using System.Text.Json;
using Gonghui.Storage;
using Gonghui.Storage.Queues;
using Gonghui.Storage.Tables;

namespace Gonghui.Durable.Storage;

/// <summary>
/// The task hub's storage: the {hub}History table (head rows and history), the {hub}Instances index table, the
/// {hub}Payloads table for messages too large for a queue, the {hub}-control-NN queues (an instance's messages go to
/// partition FNV-1a(instance id) mod partition count), the {hub}-workitems queue for activities and the {hub}-poison
/// queue for messages whose step kept failing.
/// </summary>
internal sealed class TaskHub
{
    /// <summary>A queue message holds 64 KiB once Base64-encoded; larger envelopes go to the payload table.</summary>
    private const int MaxInlineMessageBytes = 45_000;

    private readonly TimeProvider _time;

    public TaskHub(DurableTaskOptions options, TimeProvider time)
    {
        options.Validate();
        _time = time;
        Options = options;
        var clientOptions = new QueueClientOptions();
        options.ConfigureStorageClient?.Invoke(clientOptions);
        var tables = new TableServiceClient(options.ConnectionString, clientOptions);
        var queues = new QueueServiceClient(options.ConnectionString, clientOptions);
        var hub = options.HubName;
        History = tables.GetTableClient(hub + "History");
        Instances = tables.GetTableClient(hub + "Instances");
        Payloads = tables.GetTableClient(hub + "Payloads");
        var queuePrefix = hub.ToLowerInvariant();
        ControlQueues = Enumerable.Range(0, options.PartitionCount)
            .Select(i => queues.GetQueueClient(string.Create(CultureInfo.InvariantCulture, $"{queuePrefix}-control-{i:D2}")))
            .ToArray();
        WorkItems = queues.GetQueueClient(queuePrefix + "-workitems");
        Poison = queues.GetQueueClient(queuePrefix + "-poison");
    }

    public DurableTaskOptions Options { get; }
    public TableClient History { get; }
    public TableClient Instances { get; }
    public TableClient Payloads { get; }
    public QueueClient[] ControlQueues { get; }
    public QueueClient WorkItems { get; }
    public QueueClient Poison { get; }

    public int PartitionOf(string instanceId) => (int)(Fnv1a.Hash(instanceId) % (uint)ControlQueues.Length);

    private Task? _created;

    /// <summary>Creates the tables and queues once per process (the first caller's request does it).</summary>
    public Task EnsureCreatedAsync() => LazyInitializer.EnsureInitialized(ref _created, () => CreateIfNotExistsAsync(CancellationToken.None));

    private async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            History.CreateIfNotExistsAsync(cancellationToken),
            Instances.CreateIfNotExistsAsync(cancellationToken),
            Payloads.CreateIfNotExistsAsync(cancellationToken),
            WorkItems.CreateIfNotExistsAsync(cancellationToken),
            Poison.CreateIfNotExistsAsync(cancellationToken)).ConfigureAwait(false);
        await Task.WhenAll(ControlQueues.Select(q => q.CreateIfNotExistsAsync(cancellationToken))).ConfigureAwait(false);
    }

    public QueueClient ControlQueueFor(string instanceId) => ControlQueues[PartitionOf(instanceId)];

    /// <summary>
    /// Sends to the instance's control queue (or the work-items queue for activities), hidden until due for
    /// due-later messages, or for <paramref name="hiddenFor"/>.
    /// </summary>
    public async Task<SendReceipt> SendAsync(TaskMessage message, CancellationToken cancellationToken, TimeSpan? hiddenFor = null)
    {
        var queue = message.Event.EventType == EventType.TaskScheduled ? WorkItems : ControlQueueFor(message.InstanceId);
        var delay = hiddenFor;
        if (message.DueAt is { } due && due - _time.GetUtcNow() is { } remaining && remaining > TimeSpan.Zero)
            delay = remaining < Options.MaxTimerVisibility ? remaining : Options.MaxTimerVisibility;
        var body = await EncodeAsync(message, cancellationToken).ConfigureAwait(false);
        return (await queue.SendMessageAsync(body, delay, QueueClient.NeverExpire, cancellationToken).ConfigureAwait(false)).Value;
    }

    /// <summary>Keeps a message whose step kept failing in the poison queue, encoded as on any other queue, never expiring.</summary>
    public async Task SendToPoisonAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        var body = await EncodeAsync(message, cancellationToken).ConfigureAwait(false);
        await Poison.SendMessageAsync(body, null, QueueClient.NeverExpire, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TaskMessage?> DecodeAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var envelope = JsonSerializer.Deserialize<Envelope>(message.Body.ToMemory().Span, DurableJson.Options)
            ?? throw new InvalidOperationException($"Queue message {message.MessageId} is empty.");
        if (envelope.Message is not null)
            return envelope.Message;
        var stored = await Payloads.GetEntityIfExistsAsync(envelope.PayloadInstanceId!, envelope.PayloadId!, cancellationToken: cancellationToken).ConfigureAwait(false);
        return stored.HasValue
            ? JsonSerializer.Deserialize<TaskMessage>(PayloadColumns.Read(stored.Value!, "Body") ?? "null", DurableJson.Options)
            : null;
    }

    private async Task<string> EncodeAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(new Envelope(message, null, null), DurableJson.Options);
        if (Encoding.UTF8.GetByteCount(json) <= MaxInlineMessageBytes)
            return json;
        var rowKey = SafeKey(message.Id);
        var entity = new TableEntity(message.InstanceId, rowKey);
        PayloadColumns.Write(entity, "Body", JsonSerializer.Serialize(message, DurableJson.Options));
        await Payloads.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Serialize(new Envelope(null, message.InstanceId, rowKey), DurableJson.Options);
    }

    private static string SafeKey(string id) =>
        new(id.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c).ToArray());

    /// <summary>What a queue message holds: the message itself, or where the payload table keeps it.</summary>
    private sealed record Envelope(TaskMessage? Message, string? PayloadInstanceId, string? PayloadId);
}
