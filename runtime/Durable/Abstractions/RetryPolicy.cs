namespace Gonghui.Durable;

/// <summary>
/// Declarative retry for activities and sub-orchestrations, as Durable Task's RetryPolicy: the delay before retry n
/// (n ≥ 1) is firstRetryInterval × backoffCoefficient^(n-1), capped by maxRetryInterval; retries stop after
/// maxNumberOfAttempts attempts, after retryTimeout since the first attempt, or when <see cref="HandleFailure"/> says no.
/// Delays are durable timers, so a retry survives restarts.
/// </summary>
public sealed class RetryPolicy
{
    public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null, TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    public int MaxNumberOfAttempts { get; }
    public TimeSpan FirstRetryInterval { get; }
    public double BackoffCoefficient { get; }
    public TimeSpan MaxRetryInterval { get; }
    public TimeSpan RetryTimeout { get; }

    /// <summary>Whether a failure should be retried at all (default: every failure).</summary>
    public Func<TaskFailureDetails, bool> HandleFailure { get; init; } = _ => true;

    internal TimeSpan DelayBeforeRetry(int attemptsSoFar)
    {
        var delay = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, attemptsSoFar - 1);
        return TimeSpan.FromMilliseconds(Math.Min(delay, MaxRetryInterval.TotalMilliseconds));
    }
}
