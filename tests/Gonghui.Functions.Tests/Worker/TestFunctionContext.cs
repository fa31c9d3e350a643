using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Gonghui.Functions.Tests.Worker;

/// <summary>
/// An invocation of one of the app's functions as the worker hands it to middleware: its definition (entry point and
/// assembly, its trigger) and, for HTTP, the request's HttpContext where the ASP.NET Core integration keeps it.
/// </summary>
internal sealed class TestFunctionContext : FunctionContext
{
    private const string HttpContextItem = "HttpRequestContext"; // Worker.Extensions.Http.AspNetCore's key

    public TestFunctionContext(HttpFunction function, HttpContext httpContext, IServiceProvider services)
    {
        FunctionDefinition = new Definition(function.Name, function.Method.DeclaringType!.FullName + "." + function.Method.Name,
            function.Method.DeclaringType.Assembly.Location, "httpTrigger");
        Items = new Dictionary<object, object> { [HttpContextItem] = httpContext };
        InstanceServices = services;
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");
    public override string FunctionId => FunctionDefinition.Id;
    public override TraceContext TraceContext => throw new NotSupportedException();
    public override BindingContext BindingContext => throw new NotSupportedException();
    public override RetryContext RetryContext => throw new NotSupportedException();
    public override IServiceProvider InstanceServices { get; set; }
    public override FunctionDefinition FunctionDefinition { get; }
    public override IDictionary<object, object> Items { get; set; }
    public override IInvocationFeatures Features => throw new NotSupportedException();

    private sealed class Definition(string name, string entryPoint, string pathToAssembly, string triggerType) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];
        public override string PathToAssembly { get; } = pathToAssembly;
        public override string EntryPoint { get; } = entryPoint;
        public override string Id { get; } = name;
        public override string Name { get; } = name;
        public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; } =
            ImmutableDictionary<string, BindingMetadata>.Empty.Add("req", new Binding("req", triggerType));
        public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; } = ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    private sealed class Binding(string name, string type) : BindingMetadata
    {
        public override string Name { get; } = name;
        public override string Type { get; } = type;
        public override BindingDirection Direction => BindingDirection.In;
    }
}
