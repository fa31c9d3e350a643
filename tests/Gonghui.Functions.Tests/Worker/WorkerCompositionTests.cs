using Gonghui.Functions.Http;
using Gonghui.Functions.Security;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gonghui.Functions.Tests.Worker;

/// <summary>
/// The worker-mode host built as Program.cs builds it (the official ConfigureFunctionsWebApplication path plus the
/// composition root), not started: every function class and every hosted service of the app resolves from it alone,
/// so a service that only a local host registers is caught here.
/// </summary>
public sealed class WorkerCompositionTests : IDisposable
{
    private static readonly string HashKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private readonly IHost _host;
    private readonly IReadOnlyList<ServiceDescriptor> _registrations;

    public WorkerCompositionTests() => (_host, _registrations) = BuildWorkerHost();

    private static (IHost, IReadOnlyList<ServiceDescriptor>) BuildWorkerHost()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Gonghui:Hotline:PhoneHashKey"] = HashKey,
            ["Gonghui:Relief:NationalIdHashKey"] = HashKey,
            ["Gonghui:Approvals:LinkKeys"] = "k1:" + HashKey,
            ["Gonghui:Approvals:ActiveKeyId"] = "k1",
        });
        builder.ConfigureFunctionsWebApplication();
        builder.AddGonghui();
        return (builder.Build(), builder.Services.ToList());
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Every_function_class_resolves_from_the_worker_host()
    {
        var classes = AppFunctions.All.Select(m => m.DeclaringType!).Distinct().Where(t => !t.IsAbstract).ToList();
        Assert.Contains(typeof(Gonghui.Functions.Relief.Functions.Approval.ReliefActivities), classes);
        Assert.Contains(typeof(ApiKeyFunctions), classes);
        using var scope = _host.Services.CreateScope();
        var failures = new List<string>();
        foreach (var type in classes)
        {
            try
            {
                Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
            }
            catch (InvalidOperationException ex)
            {
                failures.Add($"{type.FullName}: {ex.Message}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void The_apps_hosted_services_and_settings_resolve_from_the_worker_host()
    {
        // As the local host finds them: the worker's own (gRPC) hosted services need a Functions host to talk to.
        var ownServices = _registrations
            .Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == AppFunctions.Assembly)
            .Select(d => ActivatorUtilities.CreateInstance(_host.Services, d.ImplementationType!).GetType().Name)
            .ToList();
        Assert.Contains("HotlineSeeder", ownServices);
        Assert.Contains("ReliefDemoSeeder", ownServices);
        Assert.NotNull(_host.Services.GetRequiredService<Gonghui.Functions.Relief.ReliefSettingsAccessor>().Value);
    }

    [Fact]
    public void The_middlewares_are_services_in_the_order_the_worker_runs_them()
    {
        var middlewares = _host.Services.GetServices<IFunctionsWorkerMiddleware>().Select(m => m.GetType()).ToList();
        Assert.Equal([typeof(ProblemMiddleware), typeof(ApiAccessMiddleware)], middlewares);
        Assert.Same(_host.Services.GetRequiredService<ApiAccessMiddleware>(), _host.Services.GetServices<IFunctionsWorkerMiddleware>().Last());
    }

    [Fact]
    public void Every_http_function_declares_exactly_one_access()
    {
        Assert.NotEmpty(AppFunctions.Http);
        var failures = new List<string>();
        foreach (var function in AppFunctions.Http)
        {
            try
            {
                _ = function.Access;
            }
            catch (InvalidOperationException ex)
            {
                failures.Add(ex.Message);
            }
        }
        Assert.Empty(failures);
        Assert.Equal(["ApprovalLink", "Health", "HealthReady", "NominationReviewLink", "NominationReviewMaterial", "NominationsFinalApprovalLink", "NominationsPublicNotice", "StaffSignIn"], AppFunctions.Http.Where(f => f.Admitted is null).Select(f => f.Name).Order());
    }

    [Fact]
    public void No_function_is_callable_with_a_functions_key_only()
    {
        // The app decides with its own keys: every HTTP trigger is anonymous at the Functions level.
        Assert.All(AppFunctions.Http, f => Assert.Equal(Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous, f.Trigger.AuthLevel));
    }
}
