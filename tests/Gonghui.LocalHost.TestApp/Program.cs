using Gonghui.Hosting;
using Gonghui.Hosting.TestApp;

// A small function app for the host's end-to-end tests and the queue-trigger benchmark.
var builder = FunctionsApplication.CreateBuilder(args);
builder.AddTestApp();
await using var app = builder.Build();
return await app.RunAsync();
