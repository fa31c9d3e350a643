using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Gonghui.Functions.Http;
using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Gonghui.Functions.Health;

/// <summary>Liveness (no key) and readiness (storage answers) of the app, for probes and the curl smoke test.</summary>
public sealed class HealthFunctions(TableServiceClient tables, QueueServiceClient queues)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(5);

    [Function("Health")]
    [PublicAccess]
    public static IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req) =>
        Results.Json(new { status = "healthy" });

    [Function("HealthReady")]
    [PublicAccess]
    public async Task<IResult> Ready([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadyTimeout);
        try
        {
            await tables.GetTableClient(ApiKeyStore.TableName).GetEntityIfExistsAsync<TableEntity>("health", "health", cancellationToken: timeout.Token);
            await queues.GetQueueClient("health").GetPropertiesAsync(timeout.Token);
        }
        catch (RequestFailedException ex) when (ex.Status != 0)
        {
            // The service answered (a missing queue is 404): it is reachable.
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new Problem(503, "storage_unreachable", "Not ready.", "Storage does not answer.");
        }
        return Results.Json(new { status = "ready" });
    }
}
