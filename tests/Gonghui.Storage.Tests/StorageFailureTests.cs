using System.Net;
using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Gonghui.Storage.Queues;
using Gonghui.Storage.Tables;
using Gonghui.Testing;

namespace Gonghui.Storage.Tests;

/// <summary>
/// Every way a request can fail surfaces as <see cref="RequestFailedException"/> with a status and an error code,
/// including failures with no response at all, after Azure.Core's retries.
/// </summary>
public sealed class StorageFailureTests
{
    /// <summary>Counts the attempts Azure.Core's retry policy makes (a per-retry policy sees each one).</summary>
    private sealed class AttemptCounter : HttpPipelineSynchronousPolicy
    {
        private int _attempts;
        public int Attempts => _attempts;
        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _attempts);
    }

    private static (QueueClientOptions Options, AttemptCounter Counter) FewRetries(TimeSpan? networkTimeout = null)
    {
        var options = new QueueClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        if (networkTimeout is { } timeout)
            options.Retry.NetworkTimeout = timeout;
        var counter = new AttemptCounter();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return (options, counter);
    }

    private static string Account(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={StorageConnectionString.DevelopmentAccountKey};" +
        $"QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1";

    [Fact]
    public async Task A_closed_port_fails_after_the_configured_retries_with_ConnectionFailed()
    {
        var port = FreePort.Next();
        var (options, counter) = FewRetries();
        var queue = new QueueServiceClient(Account(port), options).GetQueueClient("work");

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("x"));

        Assert.Equal(0, ex.Status);
        Assert.Equal(StorageClientErrorCodes.ConnectionFailed, ex.ErrorCode);
        Assert.Equal(3, counter.Attempts);
        Assert.Contains($"POST http://127.0.0.1:{port}/devstoreaccount1/work/messages failed: could not connect after 3 attempts", ex.Message);
        Assert.Contains("refused", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.IsType<AggregateException>(ex.InnerException);
    }

    [Fact]
    public async Task Without_retries_a_closed_port_fails_on_the_first_attempt_for_tables_too()
    {
        var options = new StorageClientOptions();
        options.Retry.MaxRetries = 0;
        var table = new TableServiceClient(Account(FreePort.Next()), options).GetTableClient("cases");

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityIfExistsAsync("p", "r"));

        Assert.Equal(0, ex.Status);
        Assert.Equal(StorageClientErrorCodes.ConnectionFailed, ex.ErrorCode);
        Assert.Contains("after 1 attempt", ex.Message);
    }

    [Fact]
    public async Task A_server_that_never_answers_fails_with_NetworkTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                held.Add(await silent.AcceptTcpClientAsync(stop.Token));
        });
        var (options, counter) = FewRetries(networkTimeout: TimeSpan.FromMilliseconds(200));
        var queue = new QueueServiceClient(Account(((IPEndPoint)silent.LocalEndpoint).Port), options).GetQueueClient("work");

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => queue.ReceiveMessagesAsync());

        Assert.Equal(0, ex.Status);
        Assert.Equal(StorageClientErrorCodes.NetworkTimeout, ex.ErrorCode);
        Assert.Equal(3, counter.Attempts);
        Assert.Contains("no response within the network timeout after 3 attempts", ex.Message);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepting);
        held.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task A_cancellation_the_caller_asked_for_stays_a_cancellation()
    {
        var (options, _) = FewRetries();
        var queue = new QueueServiceClient(Account(FreePort.Next()), options).GetQueueClient("work");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.SendMessageAsync("x", cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task A_server_error_that_outlasts_the_retries_keeps_its_status_and_code()
    {
        var handler = new StubHttpHandler(HttpStatusCode.ServiceUnavailable,
            """{"odata.error":{"code":"ServerBusy","message":{"lang":"en-US","value":"The server is busy.\nRequestId:1"}}}""",
            "application/json");
        var options = new StorageClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var table = new TableServiceClient(Account(1), options).GetTableClient("cases");

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(503, ex.Status);
        Assert.Equal("ServerBusy", ex.ErrorCode);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("Add entity cases(p,r) failed: 503 ServerBusy. The server is busy.", ex.Message.Split('\n')[0].Trim());
    }

    [Theory]
    [InlineData("TableBeingDeleted")]
    [InlineData("QueueBeingDeleted")]
    public async Task Create_if_not_exists_fails_while_the_resource_is_being_deleted(string code)
    {
        var handler = new StubHttpHandler(HttpStatusCode.Conflict,
            "{\"odata.error\":{\"code\":\"" + code + "\",\"message\":{\"lang\":\"en-US\",\"value\":\"Being deleted.\"}}}", "application/json");
        var transport = new HttpClientTransport(new HttpClient(handler));

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => code.StartsWith("Table")
            ? new TableServiceClient(Account(1), new StorageClientOptions { Transport = transport }).CreateTableIfNotExistsAsync("cases")
            : new QueueServiceClient(Account(1), new QueueClientOptions { Transport = transport }).GetQueueClient("work").CreateIfNotExistsAsync());

        Assert.Equal(409, ex.Status);
        Assert.Equal(code, ex.ErrorCode);
    }

    private sealed class FixedTokenCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("token-123", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }

    [Fact]
    public void A_token_credential_is_refused_for_a_plain_http_endpoint_when_the_client_is_made()
    {
        var tables = Assert.Throws<ArgumentException>(() =>
            new TableServiceClient(new Uri("http://127.0.0.1:10002/devstoreaccount1"), new FixedTokenCredential()));
        Assert.Contains("https", tables.Message);
        Assert.Throws<ArgumentException>(() =>
            new QueueServiceClient(new Uri("http://127.0.0.1:10001/devstoreaccount1"), new FixedTokenCredential()));
    }
}
