using Gonghui.Functions.Hotline;
using Gonghui.Functions.Http;
using Gonghui.Functions.Json;
using Gonghui.Functions.Nominations;
using Gonghui.Functions.Notifications;
using Gonghui.Functions.Registry;
using Gonghui.Functions.Relief;
using Gonghui.Functions.Security;
using Gonghui.Functions.StaffPages;
using Gonghui.Connections;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Gonghui.Functions;

/// <summary>The app's one composition root, the same under the Azure Functions host and the local host.</summary>
public static class GonghuiApplication
{
    /// <summary>
    /// Registers every service the functions need (storage clients from AzureWebJobsStorage, API keys, notifications,
    /// hotline, relief, the app's hosted services) and the worker middlewares.
    /// </summary>
    public static FunctionsApplicationBuilder AddGonghui(this FunctionsApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => StorageConnection.FromConfiguration(configuration));
        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateTableServiceClient());
        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateQueueServiceClient());
        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateBlobServiceClient());
        services.AddApiKeys(configuration, IsDevelopment(builder));
        services.ConfigureHttpJsonOptions(json => AppJson.ConfigureStrict(json.SerializerOptions));
        services.AddNotifications(configuration);
        services.AddHotline(configuration);
        services.AddStaffPages(configuration);
        services.AddRegistry(configuration);
        services.AddNominations(configuration);
        services.AddRelief();

        // Contract with the local host: it runs the IFunctionsWorkerMiddleware services, in registration order, around
        // each invocation, as UseMiddleware makes the worker do. Add each middleware both ways, in the same order.
        builder.UseMiddleware<ProblemMiddleware>();
        services.TryAddSingleton<ProblemMiddleware>();
        services.AddSingleton<IFunctionsWorkerMiddleware>(sp => sp.GetRequiredService<ProblemMiddleware>());
        builder.UseMiddleware<ApiAccessMiddleware>();
        services.TryAddSingleton<ApiAccessMiddleware>();
        services.AddSingleton<IFunctionsWorkerMiddleware>(sp => sp.GetRequiredService<ApiAccessMiddleware>());
        return builder;
    }

    // The worker's own environment reads DOTNET_ENVIRONMENT only; local settings name it ASPNETCORE_ENVIRONMENT and the
    // Functions host AZURE_FUNCTIONS_ENVIRONMENT. The first one set wins, as for the app before it became a worker.
    private static readonly string[] EnvironmentSettings = ["ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "AZURE_FUNCTIONS_ENVIRONMENT"];

    private static bool IsDevelopment(FunctionsApplicationBuilder builder) =>
        EnvironmentSettings.Select(name => builder.Configuration[name]).FirstOrDefault(value => !string.IsNullOrEmpty(value)) is { } name
            ? string.Equals(name, Environments.Development, StringComparison.OrdinalIgnoreCase)
            : builder.Environment.IsDevelopment();
}
