using Gonghui.Functions.Hotline.Services;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Functions.Hotline;

/// <summary>The hotline's tunable settings (its keys and demo switch are in <see cref="HotlineServiceCollectionExtensions"/>).</summary>
public sealed class HotlineSettings
{
    public const string OutboxSweepGraceSetting = "Gonghui:Hotline:OutboxSweepGrace";
    public const string HangAfterChangeCommittedSetting = "Gonghui:Hotline:FaultInjection:HangAfterChangeCommitted";
    public static readonly TimeSpan DefaultOutboxSweepGrace = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How old an unannounced change must be before <see cref="TicketOutboxSweepFunction"/> announces it again: longer than
    /// a commit normally takes to reach the queue, so the sweep does not repeat changes still on their way.
    /// </summary>
    public TimeSpan OutboxSweepGrace { get; init; } = DefaultOutboxSweepGrace;

    /// <summary>
    /// Crash tests only (<see cref="HangAfterChangeCommittedSetting"/>): a ticket change stops right after its commit,
    /// before it is queued, so a test can kill the process inside the window the outbox must cover.
    /// </summary>
    public bool HangAfterChangeCommitted { get; init; }

    public static HotlineSettings From(IConfiguration configuration) => new()
    {
        OutboxSweepGrace = configuration.GetValue(OutboxSweepGraceSetting, DefaultOutboxSweepGrace),
        HangAfterChangeCommitted = configuration.GetValue(HangAfterChangeCommittedSetting, false),
    };
}
