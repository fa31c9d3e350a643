using Microsoft.Extensions.Logging;

namespace Gonghui.Hosting.Functions;

/// <summary>What a running invocation knows about itself, as the isolated worker's FunctionContext.</summary>
public sealed class FunctionContext
{
    public FunctionContext(FunctionDescriptor function, IServiceProvider instanceServices,
        IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken)
    {
        Function = function;
        InstanceServices = instanceServices;
        BindingData = bindingData;
        CancellationToken = cancellationToken;
    }

    public string InvocationId { get; } = Guid.NewGuid().ToString("N");
    public FunctionDescriptor Function { get; }
    public string FunctionName => Function.Name;
    public IServiceProvider InstanceServices { get; }

    /// <summary>Trigger metadata by name (for a queue message: id, dequeueCount, insertionTime, ...).</summary>
    public IReadOnlyDictionary<string, object?> BindingData { get; }

    public CancellationToken CancellationToken { get; }

    public ILogger GetLogger(string categoryName) =>
        ((ILoggerFactory)InstanceServices.GetService(typeof(ILoggerFactory))!).CreateLogger(categoryName);
}
