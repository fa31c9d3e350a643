using Gonghui.LocalHost.AppLoading;
using Gonghui.LocalHost.Configuration;
using Gonghui.LocalHost.Durable;
using Gonghui.LocalHost.Functions;
using Gonghui.LocalHost.Http;
using Gonghui.LocalHost.Queues;
using Gonghui.LocalHost.Timers;
using Gonghui.Connections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gonghui.LocalHost;

/// <summary>
/// Runs a compiled isolated-worker function app the way the Functions host does, without Core Tools: the app's own
/// Program builds its services (<see cref="FunctionApp"/>), its build's functions.metadata says what to run
/// (<see cref="FunctionCatalog"/>), and this host serves HTTP triggers on Kestrel (http://127.0.0.1:7071 unless
/// <c>--urls</c> or ASPNETCORE_URLS says otherwise), polls queues, runs timers, and runs orchestrations and activities
/// on the Durable Task Framework with the Azure Storage provider, with the durable management API and host status.
/// Settings: host.json of the app folder, local.settings.json Values, environment variables, command line.
/// </summary>
public static class LocalFunctionHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";
    public const string AppFolderSetting = "app";

    private static readonly string[] EnvironmentVariables = ["AZURE_FUNCTIONS_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT"];

    public static WebApplication Build(string[] args, string? appFolder = null)
    {
        var commandLine = new ConfigurationBuilder().AddCommandLine(args).Build();
        appFolder = Path.GetFullPath(appFolder ?? commandLine[AppFolderSetting] ?? Directory.GetCurrentDirectory());
        FunctionAppSettings.ApplyLocalSettings(appFolder, Directory.GetCurrentDirectory());
        // As Core Tools: a local run is Development unless told otherwise.
        if (EnvironmentVariables.All(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))))
            Environment.SetEnvironmentVariable("AZURE_FUNCTIONS_ENVIRONMENT", Environments.Development);

        var app = FunctionApp.Load(appFolder);
        var catalog = FunctionCatalog.Load(appFolder, app.Assembly);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = appFolder,
            EnvironmentName = Environment.GetEnvironmentVariable("AZURE_FUNCTIONS_ENVIRONMENT"),
        });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = FunctionAppSettings.ReadHostJson(appFolder) });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(DefaultUrl);
        var http = builder.Configuration.GetSection(HttpOptions.Section).Get<HttpOptions>() ?? new HttpOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = http.MaxRequestBodySize);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection(FunctionAppSettings.HostSection + ":logging"));
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.IncludeScopes = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        AddHostServices(builder.Services, builder.Configuration, app, catalog, http);

        var web = builder.Build();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(new HostLoggerProvider(web.Services.GetRequiredService<ILoggerFactory>()));
        web.UseMiddleware<ProblemMiddleware>();
        web.UseRouting();
        HttpFunctionEndpoints.Map(web, catalog, http, web.Configuration);
        HostEndpoints.Map(web);
        return web;
    }

    private static void AddHostServices(IServiceCollection services, IConfiguration configuration, FunctionApp app,
        FunctionCatalog catalog, HttpOptions http)
    {
        services.AddSingleton(app);
        services.AddSingleton(catalog);
        services.AddSingleton(http);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ =>
        {
            var options = configuration.GetSection(QueuesOptions.Section).Get<QueuesOptions>() ?? new QueuesOptions();
            if (configuration[QueuesOptions.LeaseTimeSetting] is { Length: > 0 } leaseTime)
                options.LeaseTime = TimeSpan.Parse(leaseTime, System.Globalization.CultureInfo.InvariantCulture);
            options.Validate();
            return options;
        });
        services.AddSingleton(_ => StorageConnection.FromConfiguration(configuration));
        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateTableServiceClient());
        services.AddSingleton<LocalQueueSignals>();
        services.AddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateQueueServiceClient(sp.GetRequiredService<QueuesOptions>().ClientOptions()));
        // Functions may return IActionResult, as the worker's ASP.NET Core integration allows: their executors and formatters.
        services.AddMvcCore();
        services.AddSingleton<FunctionInvoker>();
        services.AddSingleton<FunctionKeys>();
        services.AddSingleton<FunctionListing>();
        services.AddSingleton<TimerScheduleStore>();
        services.AddDurableTask(configuration);
        services.AddHostedService<LocalQueueSendObserver>();
        services.AddHostedService<QueueListenerHost>();
        services.AddHostedService<TimerListenerHost>();
        services.AddHostedService<AppHostedServices>();
        if (int.TryParse(configuration[ParentProcessWatch.Setting], out var parent))
            services.AddHostedService(sp => new ParentProcessWatch(parent, sp.GetRequiredService<IHostApplicationLifetime>()));
    }

    /// <summary>Logs the functions, starts the host, logs where it listens; returns when the host has stopped.</summary>
    public static async Task RunAsync(WebApplication web, CancellationToken cancellationToken = default)
    {
        await StartAsync(web, cancellationToken);
        await web.WaitForShutdownAsync(cancellationToken);
    }

    public static async Task StartAsync(WebApplication web, CancellationToken cancellationToken = default)
    {
        var logger = web.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gonghui.LocalHost");
        var functions = web.Services.GetRequiredService<FunctionListing>().Entries();
        logger.LogInformation("{Count} functions in {Folder}:", functions.Count, web.Services.GetRequiredService<FunctionApp>().Folder);
        foreach (var function in functions)
            logger.LogInformation("  {Function}", function);
        await web.StartAsync(cancellationToken);
        logger.LogInformation("Function app listening on {Urls} ({Environment})", string.Join(", ", web.Urls), web.Environment.EnvironmentName);
    }
}
