using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gonghui.LocalHost.AppLoading;

/// <summary>
/// The compiled function app, loaded from its build output: its assembly and the service provider its own Program
/// builds. The app's entry point runs as the Functions host would start it; when it has built its host
/// (<c>FunctionsApplication.CreateBuilder(args)...Build()</c>), the build is taken over, before <c>Run()</c> would connect
/// to a Functions host, through the "HostBuilt" event every .NET host raises (the technique ASP.NET Core's
/// WebApplicationFactory and the EF Core tools use). So the local host resolves functions from exactly the services the
/// app registers for Azure: one composition root, no second registration for local runs.
/// </summary>
public sealed class FunctionApp
{
    private const string HostingDiagnostics = "Microsoft.Extensions.Hosting";

    /// <summary>
    /// Set on the app's entry point (and flowing into its awaits), so a load takes only the host its own app builds, not
    /// one another thread of the process builds meanwhile (the local host's own, another load in a test process).
    /// </summary>
    private static readonly AsyncLocal<object?> BuildingFor = new();
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(1);

    private readonly IReadOnlyList<ServiceDescriptor> _hostedServices;

    private FunctionApp(string folder, Assembly assembly, IHost host, IReadOnlyList<ServiceDescriptor> hostedServices)
    {
        Folder = folder;
        Assembly = assembly;
        Host = host;
        _hostedServices = hostedServices;
    }

    public string Folder { get; }
    public Assembly Assembly { get; }

    /// <summary>The app's built (never started) host.</summary>
    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    /// <summary>
    /// The app's own hosted services (seeders, ...), not the worker's: those would connect to a Functions host.
    /// </summary>
    /// <remarks>
    /// Chosen by their registrations, before any is constructed: constructing the worker's own (its gRPC client)
    /// fails without a Functions host endpoint in configuration.
    /// </remarks>
    public IReadOnlyList<IHostedService> OwnHostedServices() =>
        _hostedServices
            .Where(d => !d.IsKeyedService && (DeclaredType(d) is not { } type || !IsPlatformAssembly(type.Assembly)))
            .Select(d => (IHostedService)(d.ImplementationInstance
                ?? d.ImplementationFactory?.Invoke(Services)
                ?? ActivatorUtilities.CreateInstance(Services, d.ImplementationType!)))
            .Where(s => !IsPlatformAssembly(s.GetType().Assembly))
            .ToList();

    /// <summary>The implementation type a registration names, or the return type of its factory if that says more than IHostedService.</summary>
    private static Type? DeclaredType(ServiceDescriptor descriptor)
    {
        var type = descriptor.ImplementationType ?? descriptor.ImplementationInstance?.GetType() ?? descriptor.ImplementationFactory?.Method.ReturnType;
        return type is null || type == typeof(object) || type == typeof(IHostedService) ? null : type;
    }

    /// <summary>Loads the app in <paramref name="folder"/> (its worker.config.json names the assembly) and builds its host.</summary>
    public static FunctionApp Load(string folder)
    {
        folder = Path.GetFullPath(folder);
        var assemblyPath = Path.Combine(folder, WorkerAssembly(folder));
        var resolver = new AssemblyDependencyResolver(assemblyPath);
        // Assemblies the host has too (the worker SDK, ASP.NET Core, the Azure SDK) are shared at the host's version;
        // the app's own come from its folder.
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            resolver.ResolveAssemblyToPath(name) is { } path ? context.LoadFromAssemblyPath(path) : null;
        var name = AssemblyName.GetAssemblyName(assemblyPath).Name;
        // A test process that references the app has it loaded already.
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name)
            ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(assemblyPath);
        var hostedServices = new List<ServiceDescriptor>();
        var host = BuildHost(assembly, hostedServices);
        return new FunctionApp(folder, assembly, host, hostedServices);
    }

    private static string WorkerAssembly(string folder)
    {
        var config = Path.Combine(folder, "worker.config.json");
        if (!File.Exists(config))
            throw new InvalidOperationException($"{config} does not exist: is {folder} the build output of an isolated worker function app?");
        using var document = JsonDocument.Parse(File.ReadAllBytes(config));
        return document.RootElement.GetProperty("description").GetProperty("defaultWorkerPath").GetString()
            ?? throw new InvalidOperationException($"{config} names no defaultWorkerPath.");
    }

    private static IHost BuildHost(Assembly assembly, List<ServiceDescriptor> hostedServices)
    {
        var entryPoint = assembly.EntryPoint ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no entry point.");
        var built = new TaskCompletionSource<IHost>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new HostBuiltObserver(built, hostedServices));
        var main = new Thread(() =>
        {
            try
            {
                BuildingFor.Value = built;
                entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
                built.TrySetException(new InvalidOperationException($"{assembly.GetName().Name}'s entry point returned without building a host."));
            }
            catch (TargetInvocationException ex) when (ex.InnerException is HostTakenOver)
            {
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                built.TrySetException(ex.InnerException);
            }
        }) { Name = "app entry point", IsBackground = true };
        main.Start();
        if (!built.Task.Wait(BuildTimeout))
            throw new TimeoutException($"{assembly.GetName().Name} did not build its host within {BuildTimeout.TotalSeconds} s.");
        try
        {
            return built.Task.Result;
        }
        catch (AggregateException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private static bool IsPlatformAssembly(Assembly assembly) =>
        assembly.GetName().Name is { } name &&
        (name.StartsWith("Microsoft.", StringComparison.Ordinal) || name.StartsWith("System.", StringComparison.Ordinal) ||
         name.StartsWith("Grpc.", StringComparison.Ordinal));

    /// <summary>Thrown into the app's entry point to stop it once its host is built.</summary>
    private sealed class HostTakenOver : Exception;

    private sealed class HostBuiltObserver(TaskCompletionSource<IHost> built, List<ServiceDescriptor> hostedServices) : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == HostingDiagnostics)
                listener.Subscribe(new EventObserver(built, hostedServices));
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class EventObserver(TaskCompletionSource<IHost> built, List<ServiceDescriptor> hostedServices)
        : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            // "HostBuilding" hands over the builder: a last ConfigureServices sees the app's final registrations.
            if (!ReferenceEquals(BuildingFor.Value, built))
                return;
            if (value.Key == "HostBuilding" && value.Value is IHostBuilder builder && !built.Task.IsCompleted)
            {
                builder.ConfigureServices((_, services) =>
                {
                    hostedServices.Clear();
                    hostedServices.AddRange(services.Where(d => d.ServiceType == typeof(IHostedService)));
                });
                return;
            }
            if (value.Key != "HostBuilt" || value.Value is not IHost host || built.Task.IsCompleted)
                return;
            built.TrySetResult(host);
            throw new HostTakenOver();
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
