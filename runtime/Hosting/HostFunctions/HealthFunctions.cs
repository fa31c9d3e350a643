using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Gonghui.Hosting.Functions;
using Gonghui.Hosting.Http;
using Gonghui.Hosting.Security;
using Gonghui.Hosting.Triggers;
using Microsoft.AspNetCore.Http;

namespace Gonghui.Hosting.HostFunctions;

/// <summary>Liveness (no key) and readiness (storage answers) of the app.</summary>
public sealed class HealthFunctions(TableServiceClient tables, QueueServiceClient queues)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(5);

    [Function("Health")]
    public static IResult Health([HttpTrigger("get", Route = "health", Anonymous = true)] HttpRequest req) =>
        Results.Json(new { status = "healthy" });

    [Function("HealthReady")]
    public async Task<IResult> Ready([HttpTrigger("get", Route = "health/ready", Anonymous = true)] HttpRequest req,
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
            return new Problem(503, "storage-unreachable", "Not ready.", "Storage does not answer.");
        }
        return Results.Json(new { status = "ready" });
    }
}
