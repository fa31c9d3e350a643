using System.Diagnostics;

namespace Gonghui.Bench.Durable;

/// <summary>
/// Counts every storage request this process sends through the Azure SDK (the app's, the engine's and the
/// benchmark's own), from the "Azure.Core" diagnostic source's request events.
/// </summary>
internal sealed class StorageRequestCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string RequestStart = "Azure.Core.Http.Request.Start";
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];
    private long _count;

    public StorageRequestCounter() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public long Count => Interlocked.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name != "Azure.Core")
            return;
        lock (_listeners)
            _listeners.Add(listener.Subscribe(this, (name, _, _) => name.StartsWith("Azure.Core.Http.Request", StringComparison.Ordinal)));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RequestStart)
            Interlocked.Increment(ref _count);
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_listeners)
            _listeners.ForEach(listener => listener.Dispose());
    }
}
