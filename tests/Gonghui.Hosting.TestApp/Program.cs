using Gonghui.Hosting;

// A small function app for the host's end-to-end tests and the queue-trigger benchmark.
var builder = FunctionsApplication.CreateBuilder(args);
builder.AddFunctions(typeof(Program).Assembly);
await using var app = builder.Build();
return await app.RunAsync();
