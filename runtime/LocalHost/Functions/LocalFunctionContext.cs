using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;

namespace Gonghui.LocalHost.Functions;

/// <summary>
/// The isolated worker's <see cref="FunctionContext"/> for one invocation on the local host: the function's definition,
/// its binding data (route values, queue message metadata), the invocation's DI scope from the app's services, and
/// for HTTP the request's HttpContext under the key the worker's ASP.NET Core integration uses, so
/// <c>context.GetHttpContext()</c> works in the app's middleware.
/// </summary>
internal sealed class LocalFunctionContext : FunctionContext
{
    /// <summary>Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore keeps the HttpContext under this key.</summary>
    public const string HttpContextKey = "HttpRequestContext";

    public LocalFunctionContext(FunctionDescriptor function, IServiceProvider instanceServices,
        IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken)
    {
        FunctionDefinition = new LocalFunctionDefinition(function);
        InstanceServices = instanceServices;
        BindingContext = new LocalBindingContext(bindingData);
        CancellationToken = cancellationToken;
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString();
    public override string FunctionId => FunctionDefinition.Id;
    public override TraceContext TraceContext { get; } = new LocalTraceContext(Activity.Current);
    public override BindingContext BindingContext { get; }
    public override RetryContext RetryContext { get; } = new NoRetryContext();
    public override IServiceProvider InstanceServices { get; set; }
    public override FunctionDefinition FunctionDefinition { get; }
    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
    public override IInvocationFeatures Features { get; } = new LocalInvocationFeatures();
    public override CancellationToken CancellationToken { get; }

    private sealed class LocalFunctionDefinition(FunctionDescriptor function) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters { get; } =
            [.. function.Method.GetParameters().Select(p => new FunctionParameter(p.Name!, p.ParameterType))];
        public override string PathToAssembly { get; } = function.DeclaringType.Assembly.Location;
        public override string EntryPoint => function.EntryPoint;
        public override string Id => function.Name;
        public override string Name => function.Name;
        public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; } =
            ImmutableDictionary<string, BindingMetadata>.Empty.Add(function.Trigger.ParameterName,
                new LocalBindingMetadata(function.Trigger.ParameterName, function.Trigger.Type, BindingDirection.In));
        public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; } =
            ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    private sealed class LocalBindingMetadata(string name, string type, BindingDirection direction) : BindingMetadata
    {
        public override string Name => name;
        public override string Type => type;
        public override BindingDirection Direction => direction;
    }

    private sealed class LocalBindingContext(IReadOnlyDictionary<string, object?> bindingData) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData => bindingData;
    }

    private sealed class LocalTraceContext(Activity? activity) : TraceContext
    {
        public override string TraceParent => activity?.Id ?? "";
        public override string TraceState => activity?.TraceStateString ?? "";
    }

    private sealed class NoRetryContext : RetryContext
    {
        public override int RetryCount => 0;
        public override int MaxRetryCount => 0;
    }

    private sealed class LocalInvocationFeatures : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> _features = [];

        public T? Get<T>() => _features.TryGetValue(typeof(T), out var feature) ? (T)feature : default;

        public void Set<T>(T instance)
        {
            if (instance is null)
                _features.Remove(typeof(T));
            else
                _features[typeof(T)] = instance;
        }

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
