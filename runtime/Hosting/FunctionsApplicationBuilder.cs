using Gonghui.Storage;
using System.Reflection;
using Azure.Core;
using Azure.Data.Tables;
using Gonghui.Hosting.Configuration;
using Gonghui.Hosting.Functions;
using Gonghui.Hosting.Http;
using Gonghui.Hosting.Queues;
using Gonghui.Hosting.Security;
using Gonghui.Hosting.Timers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gonghui.Hosting;

/// <summary>
/// Builds a function app in standalone mode on ASP.NET Core. Settings: host.json under <c>AzureFunctionsJobHost</c> and
/// local.settings.json <c>Values</c> at the root, from the current directory or the nearest parent holding host.json,
/// then environment variables and command-line arguments over them. Kestrel listens on <see cref="DefaultUrl"/> unless
/// <c>--urls</c>, <c>ASPNETCORE_URLS</c> or the setting <c>urls</c> says otherwise. Extensions add their services
/// to <see cref="Services"/> (and their functions with <see cref="AddFunctions"/>) before <see cref="Build"/>; they
/// find the <see cref="FunctionCatalog"/> and <see cref="FunctionInvoker"/> in dependency injection.
/// </summary>
public sealed class FunctionsApplicationBuilder
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    private readonly WebApplicationBuilder _web;
    private readonly string[] _args;
    private readonly List<Assembly> _assemblies = [typeof(FunctionsApplicationBuilder).Assembly];

    internal FunctionsApplicationBuilder(string[] args, string? scriptRoot)
    {
        _args = args;
        ScriptRoot = scriptRoot ?? FunctionAppSettings.FindScriptRoot(Directory.GetCurrentDirectory());
        var fileSettings = FunctionAppSettings.Load(ScriptRoot);
        _web = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = ScriptRoot ?? Directory.GetCurrentDirectory(),
            EnvironmentName = EnvironmentName(fileSettings),
        });
        // Lowest precedence: environment variables and arguments override the files, as in Azure Functions.
        _web.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = fileSettings });
        if (string.IsNullOrEmpty(_web.Configuration["urls"]))
            _web.WebHost.UseUrls(DefaultUrl);
        _web.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = HttpOptionsFrom(context.Configuration).MaxRequestBodySize);
        _web.Logging.AddConfiguration(_web.Configuration.GetSection(FunctionAppSettings.HostSection + ":logging"));
        _web.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.IncludeScopes = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        AddHostServices(_web.Services, _web.Configuration, _web.Environment);
    }

    /// <summary>The folder holding host.json (null when none was found).</summary>
    public string? ScriptRoot { get; }

    public IServiceCollection Services => _web.Services;
    public ConfigurationManager Configuration => _web.Configuration;
    public IWebHostEnvironment Environment => _web.Environment;
    public ILoggingBuilder Logging => _web.Logging;
    public ConfigureWebHostBuilder WebHost => _web.WebHost;

    /// <summary>Adds the [Function] methods of these assemblies (the host's own functions are always there).</summary>
    public FunctionsApplicationBuilder AddFunctions(params Assembly[] assemblies)
    {
        _assemblies.AddRange(assemblies);
        return this;
    }

    public FunctionsApplication Build()
    {
        var assemblies = _assemblies.Distinct().ToArray();
        _web.Services.AddSingleton(_ => FunctionCatalog.Discover(assemblies));
        var web = _web.Build();
        var catalog = web.Services.GetRequiredService<FunctionCatalog>();
        web.Use(CorrelationId.Middleware);
        web.UseMiddleware<ProblemMiddleware>();
        web.UseRouting();
        HttpFunctionEndpoints.Map(web, catalog, web.Services.GetRequiredService<HttpOptions>(), web.Configuration);
        return new FunctionsApplication(web, _args);
    }

    private static void AddHostServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => HttpOptionsFrom(configuration));
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
        services.AddSingleton(sp =>
        {
            var clientOptions = sp.GetRequiredService<QueuesOptions>().ClientOptions();
            clientOptions.AddPolicy(new LocalSendSignalPolicy(sp.GetRequiredService<LocalQueueSignals>()), HttpPipelinePosition.PerCall);
            return sp.GetRequiredService<StorageConnection>().CreateQueueServiceClient(clientOptions);
        });
        services.AddSingleton<FunctionInvoker>();
        services.AddSingleton<FunctionListing>();
        services.AddSingleton(sp => new ApiKeyStore(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<TimeProvider>(),
            configuration[ApiKeyStore.CacheSecondsSetting] is { Length: > 0 } seconds
                ? TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture))
                : ApiKeyStore.DefaultCacheTime));
        services.AddSingleton<ApiKeyAuthorizer>();
        services.AddSingleton<TimerScheduleStore>();
        services.AddMvcCore();
        services.ConfigureHttpJsonOptions(json => FunctionJson.Configure(json.SerializerOptions));
        services.AddHostedService<QueueListenerHost>();
        services.AddHostedService<TimerListenerHost>();
        if (environment.IsDevelopment())
            services.AddHostedService<DevelopmentKeySeeder>();
        if (int.TryParse(configuration[ParentProcessWatch.Setting], out var parent))
            services.AddHostedService(sp => new ParentProcessWatch(parent, sp.GetRequiredService<IHostApplicationLifetime>()));
    }

    private static HttpOptions HttpOptionsFrom(IConfiguration configuration) =>
        configuration.GetSection(HttpOptions.Section).Get<HttpOptions>() ?? new HttpOptions();

    private static string? EnvironmentName(IReadOnlyDictionary<string, string?> fileSettings) =>
        new[]
        {
            System.Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"),
            System.Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"),
            System.Environment.GetEnvironmentVariable("AZURE_FUNCTIONS_ENVIRONMENT"),
            fileSettings.GetValueOrDefault("ASPNETCORE_ENVIRONMENT"),
            fileSettings.GetValueOrDefault("AZURE_FUNCTIONS_ENVIRONMENT"),
        }.FirstOrDefault(name => !string.IsNullOrEmpty(name));
}
