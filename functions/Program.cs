using Gonghui.Functions;
using Gonghui.Functions.Security;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// `dotnet Gonghui.Functions.dll keys create --role admin --name NAME` (or keys list, keys revoke ID) manages API keys
// in the configured storage; otherwise this is the isolated worker a Functions host (or the local host) starts.
if (args is [KeyCommand.Name, .. var commandArgs])
    return await KeyCommand.RunAsync(commandArgs, await KeyCommand.StoreFromSettingsAsync(), Console.Out, Console.Error);

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddGonghui();
builder.Build().Run();
return 0;
