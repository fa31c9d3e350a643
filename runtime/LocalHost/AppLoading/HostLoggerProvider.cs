using Microsoft.Extensions.Logging;

namespace Gonghui.LocalHost.AppLoading;

/// <summary>
/// Added to the app's logger factory so that what the app logs reaches the host's console, under the host's logging
/// settings (host.json), as the Functions host shows a worker's logs. The worker's own logger sends to a Functions host
/// that is not there.
/// </summary>
internal sealed class HostLoggerProvider(ILoggerFactory host) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => host.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}
