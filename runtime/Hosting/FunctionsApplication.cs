using Gonghui.Hosting.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gonghui.Hosting;

/// <summary>
/// A function app in standalone mode: Kestrel for HTTP functions, queue listeners and timers in one process.
/// <c>var builder = FunctionsApplication.CreateBuilder(args); builder.AddFunctions(typeof(Program).Assembly);
/// return await builder.Build().RunAsync();</c> — RunAsync also runs the <c>keys</c> command when the arguments name it.
/// </summary>
public sealed class FunctionsApplication : IAsyncDisposable
{
    private readonly string[] _args;

    internal FunctionsApplication(WebApplication web, string[] args)
    {
        Web = web;
        _args = args;
    }

    /// <summary>Settings files are looked for in the current directory and its parents.</summary>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args) => new(args, scriptRoot: null);

    /// <summary>Settings files are read from <paramref name="scriptRoot"/> only.</summary>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args, string scriptRoot) => new(args, scriptRoot);

    /// <summary>The ASP.NET Core app, for extensions that map endpoints of their own.</summary>
    public WebApplication Web { get; }

    public IServiceProvider Services => Web.Services;
    public IConfiguration Configuration => Web.Configuration;

    /// <summary>The addresses Kestrel listens on (the actual ports once started).</summary>
    public ICollection<string> Urls => Web.Urls;

    /// <summary>Runs the <c>keys</c> command if the arguments start with it (returning its exit code), else the app until shutdown.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        if (_args is [KeyCommand.Name, .. var commandArgs])
            return await KeyCommand.RunAsync(commandArgs, Services.GetRequiredService<ApiKeyStore>(), Console.Out, Console.Error);
        await StartAsync(cancellationToken);
        await Web.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var logger = Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gonghui.Hosting");
        var functions = Services.GetRequiredService<FunctionListing>().Entries();
        logger.LogInformation("{Count} functions:", functions.Count);
        foreach (var function in functions)
            logger.LogInformation("  {Function}", function);
        await Web.StartAsync(cancellationToken);
        logger.LogInformation("Function app listening on {Urls} ({Environment})", string.Join(", ", Urls), Web.Environment.EnvironmentName);
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => Web.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => Web.DisposeAsync();
}
