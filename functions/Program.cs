using Gonghui.Functions.ReliefService;
using Gonghui.Hosting;

// Standalone function app: HTTP functions on Kestrel (http://127.0.0.1:7071 unless --urls says otherwise), queue
// listeners and timers. `dotnet Gonghui.Functions.dll keys create --role admin --name NAME` manages API keys instead.
var builder = FunctionsApplication.CreateBuilder(args);
builder.AddFunctions(typeof(Program).Assembly);
builder.AddRelief();
await using var app = builder.Build();
return await app.RunAsync();
