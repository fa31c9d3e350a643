using Microsoft.Extensions.Hosting;

namespace Gonghui.LocalHost;

/// <summary>
/// Base of the hosted services that run trigger listeners: stopping first asks the listeners to stop taking work and
/// waits for what runs, until the host's shutdown timeout; then it cancels the running functions.
/// </summary>
internal abstract class ListenerHost : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abortInvocations = new();
    private readonly List<Task> _listeners = [];

    protected CancellationToken StopToken => _stop.Token;
    protected CancellationToken AbortInvocationsToken => _abortInvocations.Token;

    public abstract Task StartAsync(CancellationToken cancellationToken);

    protected void Run(Func<Task> listener) => _listeners.Add(Task.Run(listener, CancellationToken.None));

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_listeners).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abortInvocations.CancelAsync();
            await Task.WhenAll(_listeners).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _abortInvocations.Dispose();
    }
}
