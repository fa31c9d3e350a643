using Gonghui.Functions.Hotline;
using Gonghui.Functions.Notifications;
using Gonghui.Functions.ReliefService;
using Gonghui.Hosting;
using Gonghui.Hosting.Durable;
using Gonghui.Hosting.Security;
using Gonghui.Hosting.Triggers;

// Standalone function app: HTTP functions on Kestrel (http://127.0.0.1:7071 unless --urls says otherwise), queue
// listeners, timers and orchestrations on the Durable Task Framework. `dotnet Gonghui.Functions.dll keys create --role admin --name NAME`
// manages API keys instead.
var builder = FunctionsApplication.CreateBuilder(args);
builder.AddFunctions(typeof(Program).Assembly);
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddDurableTask(builder.Configuration);
builder.Services.AddHotline(builder.Configuration);
builder.AddRelief();
await using var app = builder.Build();
app.Web.MapDurableTaskManagementApi().RequireApiRoles(ApiRoles.Admin);
return await app.RunAsync();
