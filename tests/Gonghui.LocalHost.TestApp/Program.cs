using Gonghui.LocalHost.TestApp;
using Gonghui.Connections;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A small isolated-worker app for the local host's end-to-end tests and the benchmarks.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddSingleton(sp => StorageConnection.FromConfiguration(builder.Configuration).CreateTableServiceClient());
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<TestRecords>();
builder.Services.AddSingleton<StartedProbe>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<StartedProbe>());
// The worker runs middleware from its pipeline; the local host runs the IFunctionsWorkerMiddleware services in
// registration order. Registering both ways serves both hosts with the same instances.
builder.UseMiddleware<OuterMiddleware>();
builder.UseMiddleware<InnerMiddleware>();
builder.Services.AddSingleton<IFunctionsWorkerMiddleware>(sp => sp.GetRequiredService<OuterMiddleware>());
builder.Services.AddSingleton<IFunctionsWorkerMiddleware>(sp => sp.GetRequiredService<InnerMiddleware>());
builder.Build().Run();
