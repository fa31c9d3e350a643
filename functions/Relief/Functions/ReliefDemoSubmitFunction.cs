using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Gonghui.Functions.Relief.Services;

namespace Gonghui.Functions.Relief.Functions;

/// <summary>
/// Submits the demo application <see cref="ReliefDemoSeeder"/> asked for, with this function's durable client.
/// Does nothing unless the demo is on (Gonghui:Relief:SeedDemo); submitting again is harmless (fixed id).
/// </summary>
public sealed class ReliefDemoSubmitFunction(IConfiguration configuration, ReliefSubmissions submissions, ILogger<ReliefDemoSubmitFunction> logger)
{
    [Function("ReliefDemoSubmit")]
    public async Task Run([QueueTrigger(ReliefDemoSeeder.QueueName, Connection = "AzureWebJobsStorage")] string message,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!configuration.GetValue(ReliefDemoSeeder.Setting, false))
        {
            logger.LogWarning("A relief demo request arrived but {Setting} is off; ignored", ReliefDemoSeeder.Setting);
            return;
        }
        var submitted = await submissions.SubmitAsync(ReliefDemoSeeder.DemoRequest,
            new ReliefActor("demo-seed", "演示数据", ReliefDemoSeeder.DemoUnit), ReliefDemoSeeder.DemoApplicationId, client, cancellationToken);
        if (!submitted.IsValid)
            throw new InvalidOperationException("The demo application is invalid: " + string.Join("; ", submitted.Errors.Select(e => $"{e.Field} {e.Code}")));
        logger.LogInformation("Relief demo: application {ApplicationId} is waiting for the district approver; open maildev to approve it",
            ReliefDemoSeeder.DemoApplicationId);
    }
}
