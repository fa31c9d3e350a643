using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Gonghui.LocalHost.Queues;

/// <summary>
/// Sees every storage request this process makes through the Azure SDK, the app's included, in the SDK's own tracing
/// (the "Azure.Core" diagnostic source's request events), and when a message was put on a queue ("POST
/// .../{queue}/messages" answered 201, with no visibility delay) signals that queue's local listener. The app builds
/// its own storage clients, so the host cannot add a pipeline step to them; the tracing events it can see.
/// </summary>
internal sealed class LocalQueueSendObserver(LocalQueueSignals signals)
    : IHostedService, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private const string RequestScope = "Azure.Core.Http.Request";
    private readonly List<IDisposable> _listeners = [];
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = DiagnosticListener.AllListeners.Subscribe(this);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        lock (_listeners)
            _listeners.ForEach(listener => listener.Dispose());
        return Task.CompletedTask;
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name != "Azure.Core")
            return;
        lock (_listeners)
            _listeners.Add(listener.Subscribe(this, (name, _, _) => name.StartsWith(RequestScope, StringComparison.Ordinal)));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != RequestScope + ".Stop" || Activity.Current is not { } request)
            return;
        if (request.GetTagItem("http.method") as string != "POST" || request.GetTagItem("http.status_code") is not (201 or "201"))
            return;
        if (request.GetTagItem("http.url") is not string url || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return;
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        if (segments.Length < 2 || segments[^1] != "messages" || HasVisibilityDelay(uri.Query))
            return;
        signals.Wake(segments[^2]);
    }

    private static bool HasVisibilityDelay(string query) =>
        query.Split('&', '?').Any(part => part.StartsWith("visibilitytimeout=", StringComparison.OrdinalIgnoreCase)
            && part != "visibilitytimeout=0");

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}
