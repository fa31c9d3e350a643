using Gonghui.Connections;
using Azure.Storage.Queues;
using Gonghui.LocalHost.Configuration;
using Gonghui.LocalHost.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Gonghui.LocalHost.Queues;

/// <summary>
/// Starts a <see cref="QueueListener"/> per enabled [QueueTrigger] function; on shutdown stops fetching and waits for
/// running messages until the host's shutdown timeout, then cancels them.
/// </summary>
internal sealed class QueueListenerHost(
    FunctionCatalog catalog,
    FunctionInvoker invoker,
    QueueServiceClient defaultQueues,
    QueuesOptions options,
    LocalQueueSignals localSends,
    IConfiguration configuration,
    ILoggerFactory loggers) : ListenerHost
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var function in catalog.WithTrigger<QueueTrigger>())
        {
            if (SettingExpression.IsFunctionDisabled(configuration, function.Name))
                continue;
            var trigger = function.TriggerAs<QueueTrigger>();
            var queues = QueuesFor(trigger, function.Name);
            var queueName = SettingExpression.Resolve(configuration, trigger.QueueName, function.Name);
            var listener = new QueueListener(function, queues.GetQueueClient(queueName), queues.GetQueueClient(queueName + "-poison"),
                options, queues == defaultQueues ? localSends : null, invoker, loggers.CreateLogger("Gonghui.LocalHost.Queues." + function.Name));
            Run(() => listener.RunAsync(StopToken, AbortInvocationsToken));
        }
        return Task.CompletedTask;
    }

    private QueueServiceClient QueuesFor(QueueTrigger trigger, string functionName)
    {
        if (string.Equals(trigger.Connection, StorageConnection.DefaultName, StringComparison.OrdinalIgnoreCase))
            return defaultQueues;
        try
        {
            return StorageConnection.FromConfiguration(configuration, trigger.Connection).CreateQueueServiceClient(options.ClientOptions());
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"Queue function '{functionName}' names the connection '{trigger.Connection}': {e.Message}", e);
        }
    }
}
