using Gonghui.LocalHost;

// dotnet Gonghui.LocalHost.dll --app <build output of an isolated-worker function app> [--urls http://127.0.0.1:7071]
await using var host = LocalFunctionHost.Build(args);
await LocalFunctionHost.RunAsync(host);
