using Azure.Storage.Queues;
using Gonghui.Functions.Hotline;
using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Hotline.Functions;
using Gonghui.Functions.Hotline.Services;
using Gonghui.Functions.Hotline.Stores;
using Gonghui.Functions.Json;
using Gonghui.Functions.Notifications;
using Gonghui.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static Gonghui.Functions.Tests.Hotline.HotlineTestData;

namespace Gonghui.Functions.Tests.Hotline;

/// <summary>
/// Ticket follow-ups and the SLA timer on Azurite with a clock the test moves: a consultation received on 2026-09-30
/// 16:30, the eve of the National Day holiday (10-01..10-07, a weekend inside it), due three working days later on
/// Saturday 10-10, an adjusted working day. Change messages are processed by the test itself, one at a time, then
/// again (redelivery).
/// </summary>
public sealed class TicketFollowUpTests : IAsyncLifetime
{
    private AzuriteServer _azurite = null!;
    private ServiceProvider _services = null!;
    private readonly ManualClock _clock = new(Local(2026, 9, 30, 16, 30));

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [HotlineServiceCollectionExtensions.PhoneHashKeySetting] = Convert.ToBase64String(new byte[32]),
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(_clock)
            .AddSingleton(_azurite.CreateTableServiceClient())
            .AddSingleton(_azurite.CreateQueueServiceClient())
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddNotifications(configuration)
            .AddHotline(configuration);
        services.AddTransient<TicketChangeFunction>().AddTransient<SlaScanFunction>();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<ReferenceDataStore>().SeedAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Warnings_and_breaches_fall_due_in_working_time_across_a_holiday_a_weekend_and_an_adjusted_working_day()
    {
        var tickets = _services.GetRequiredService<HotlineTickets>();
        var opened = await OpenConsultationAsync();
        var id = opened.Id;
        Assert.Equal(Local(2026, 10, 10, 16, 30), opened.ResolutionClock.DueAt);
        await DrainChangesAsync();

        await ScanAtAsync(Local(2026, 9, 30, 17, 20));
        Assert.Equal(["acceptance_warning:1"], await RaisedAsync(id));
        await ScanAtAsync(Local(2026, 10, 2, 10, 0));
        Assert.Equal(["acceptance_warning:1", "acceptance_breach:1"], await RaisedAsync(id));

        _clock.Now = Local(2026, 10, 8, 9, 30);
        Assert.NotNull((await tickets.ApplyAsync(id, new TicketCommand.Accept(), HandlerOf("370102-union"), null, CancellationToken.None)).Updated);
        await DrainChangesAsync();

        await ScanAtAsync(Local(2026, 10, 9, 17, 30));
        Assert.Equal(2, (await RaisedAsync(id)).Count);
        await ScanAtAsync(Local(2026, 10, 10, 10, 0));
        Assert.Equal("resolution_warning:1", (await RaisedAsync(id))[^1]);

        // Two instances scan at the breach together, and every change message arrives twice: one breach, one e-mail each.
        _clock.Now = Local(2026, 10, 10, 16, 31);
        var scan = ActivatorUtilities.CreateInstance<SlaScanFunction>(_services);
        await Task.WhenAll(scan.ScanAsync(CancellationToken.None), scan.ScanAsync(CancellationToken.None));
        await DrainChangesAsync(deliveries: 2);
        Assert.Equal(["acceptance_warning:1", "acceptance_breach:1", "resolution_warning:1", "resolution_breach:1"], await RaisedAsync(id));

        var emails = await QueuedEmailsAsync();
        Assert.Equal(
            [
                ("union.370102@gonghui.example", "工单即将超时未受理"),
                ("supervisor.370102@gonghui.example", "工单超时未受理"),
                ("union.370102@gonghui.example", "工单即将超过办理时限"),
                ("supervisor.370102@gonghui.example", "工单超过办理时限"),
            ],
            emails.Where(e => !e.Subject.Contains("新工单")).DistinctBy(e => e.Key).Select(e => (e.To, e.Subject.Split('：')[0].Replace("【12351】", ""))));
        Assert.Equal(1, (await _services.GetRequiredService<HotlineTickets>().GetAsync(id, CancellationToken.None))!.Ticket.ResolutionBreaches);
    }

    [Fact]
    public async Task A_follow_up_killed_after_committing_the_routing_is_redelivered_and_mails_and_counts_the_ticket_once()
    {
        var tickets = _services.GetRequiredService<HotlineTickets>();
        var opened = await OpenConsultationAsync();
        var id = opened.Id;

        // The first run of the intake's follow-up committed the routing, then its process died.
        var unit = (await _services.GetRequiredService<ReferenceDataStore>().GetAsync(CancellationToken.None)).Routing
            .Route("370102", TicketCategory.Consultation)!.Unit;
        Assert.NotNull(await tickets.RouteOpenedAsync((await tickets.GetAsync(id, CancellationToken.None))!, unit, CancellationToken.None));

        // Its message comes back, here twice.
        await DrainChangesAsync(deliveries: 2);

        var ticket = (await tickets.GetAsync(id, CancellationToken.None))!.Ticket;
        Assert.Equal((TicketStatus.Assigned, unit.Id, 2), (ticket.Status, ticket.UnitId, ticket.Version));
        var emails = (await QueuedEmailsAsync()).DistinctBy(e => e.Key).ToList();
        Assert.Equal(("union.370102@gonghui.example", $"【12351】新工单待受理：{ticket.Number}"), (Assert.Single(emails).To, emails[0].Subject));
        var figures = _services.GetRequiredService<FigureStore>();
        foreach (var (from, to) in new[] { (new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30)), (new DateOnly(2026, 9, 30), new DateOnly(2026, 9, 30)) })
        {
            var buckets = await figures.ReadAsync(new HotlineFiguresQuery(from, to).Plan(), CancellationToken.None);
            Assert.Equal(1, buckets.Sum(b => b.Value.Received));
            Assert.All(buckets.Where(b => b.Value.Received != 0), b => Assert.Equal(unit.Id, b.Key.UnitId));
        }
    }

    [Fact]
    public async Task A_merge_is_recorded_once_in_the_original_s_history_however_often_its_change_is_delivered()
    {
        var tickets = _services.GetRequiredService<HotlineTickets>();
        var original = await OpenConsultationAsync();
        var duplicate = await OpenConsultationAsync();
        Assert.Equal(original.Id, duplicate.PossibleDuplicateOf);
        await DrainChangesAsync();

        var merged = await tickets.ApplyAsync(duplicate.Id, new TicketCommand.Merge(original, "同一来电人重复反映"), Operator, null, CancellationToken.None);
        Assert.NotNull(merged.Updated);
        await DrainChangesAsync(deliveries: 3);

        var recorded = Assert.Single(await tickets.GetHistoryAsync(original.Id, CancellationToken.None), e => e.Action == "duplicate_merged");
        Assert.Equal((duplicate.Id, duplicate.Number.ToString(), "同一来电人重复反映"),
            (recorded.Details["duplicateId"], recorded.Details["duplicateNumber"], recorded.Reason));
        Assert.Equal([duplicate.Id], (await tickets.GetAsync(original.Id, CancellationToken.None))!.Ticket.MergedDuplicates);
    }

    [Fact]
    public async Task When_the_callback_window_ends_the_timer_closes_a_ticket_whose_caller_was_not_reached_and_flags_one_nobody_called()
    {
        var tickets = _services.GetRequiredService<HotlineTickets>();
        _clock.Now = Local(2026, 11, 20, 9, 0);   // Friday
        var tried = (await OpenConsultationAsync()).Id;
        var forgotten = (await OpenConsultationAsync()).Id;
        await DrainChangesAsync();
        foreach (var id in new[] { tried, forgotten })
        {
            _clock.Now = Local(2026, 11, 20, 9, 10);
            Assert.NotNull((await tickets.ApplyAsync(id, new TicketCommand.Accept(), HandlerOf("370102-union"), null, CancellationToken.None)).Updated);
            _clock.Now = Local(2026, 11, 20, 10, 0);
            Assert.NotNull((await tickets.ApplyAsync(id, new TicketCommand.Resolve("已答复"), HandlerOf("370102-union"), null, CancellationToken.None)).Updated);
        }
        _clock.Now = Local(2026, 11, 23, 11, 0);
        Assert.NotNull((await tickets.ApplyAsync(tried, new TicketCommand.Callback(false, null, "无人接听"), Operator, null, CancellationToken.None)).Updated);
        await DrainChangesAsync();

        // The window is three working days: it ends on Wednesday at 10:00.
        await ScanAtAsync(Local(2026, 11, 25, 9, 59));
        foreach (var id in new[] { tried, forgotten })
            Assert.Equal(TicketStatus.Resolved, (await tickets.GetAsync(id, CancellationToken.None))!.Ticket.Status);
        await ScanAtAsync(Local(2026, 11, 25, 10, 1));

        var closed = (await tickets.GetAsync(tried, CancellationToken.None))!.Ticket;
        Assert.Equal((TicketStatus.Closed, CloseReason.CallbackFailed), (closed.Status, closed.CloseReason));
        var flagged = (await tickets.GetAsync(forgotten, CancellationToken.None))!.Ticket;
        Assert.Equal(TicketStatus.Resolved, flagged.Status);
        Assert.Contains("callback_overdue:1", flagged.RaisedSlaEvents);
        var calledBack = (await QueuedEmailsAsync()).Where(e => e.Subject.Contains("回访", StringComparison.Ordinal)).DistinctBy(e => e.Key).ToList();
        Assert.Equal(("supervisor.370102@gonghui.example", $"【12351】工单办结后未回访：{flagged.Number}"), (Assert.Single(calledBack).To, calledBack[0].Subject));

        // Raised once: a later scan changes nothing.
        await ScanAtAsync(Local(2026, 11, 26, 10, 0));
        Assert.Equal(flagged.Version, (await tickets.GetAsync(forgotten, CancellationToken.None))!.Ticket.Version);
    }

    [Fact]
    public async Task A_change_committed_by_a_process_that_died_before_queueing_it_is_announced_by_the_sweep_and_followed_up_once()
    {
        // This instance's queue endpoint is gone, as for a process killed right after its commit: the ticket is stored,
        // its change never reaches the queue.
        var deadQueues = new QueueServiceClient(_azurite.ConnectionString.Replace($":{_azurite.QueuePort}/", $":{FreePort.Next()}/", StringComparison.Ordinal),
            new QueueClientOptions { Retry = { MaxRetries = 0 } });
        var dying = ActivatorUtilities.CreateInstance<HotlineTickets>(_services, new TicketChangeQueue(deadQueues));
        var opened = (await dying.OpenAsync(
            new TicketIntakeRequest("张伟", "13812345679", "consultation", "370102", "咨询", "内容", "phone", "normal", null, null, true),
            null, Operator, CancellationToken.None)).Ticket!;
        Assert.Equal(0, await DrainChangesAsync());
        var outbox = _services.GetRequiredService<TicketOutbox>();
        Assert.Equal([new TicketChange(opened.Id, 1)], await UnacknowledgedAsync(outbox, opened.Id));

        // Within its grace period the sweep leaves it; after, it announces it once, and the follow-up routes and mails once.
        var sweep = ActivatorUtilities.CreateInstance<TicketOutboxSweepFunction>(_services);
        _clock.Now += HotlineSettings.DefaultOutboxSweepGrace - TimeSpan.FromSeconds(1);
        Assert.Equal(0, await sweep.SweepAsync(CancellationToken.None));
        _clock.Now += TimeSpan.FromSeconds(2);
        await Task.WhenAll(sweep.SweepAsync(CancellationToken.None), sweep.SweepAsync(CancellationToken.None));
        Assert.Equal(1, await DrainChangesAsync(deliveries: 2));
        var routed = (await _services.GetRequiredService<HotlineTickets>().GetAsync(opened.Id, CancellationToken.None))!.Ticket;
        Assert.Equal(TicketStatus.Assigned, routed.Status);
        var unitMails = (await QueuedEmailsAsync()).Where(e => e.Subject.Contains(routed.Number.ToString(), StringComparison.Ordinal)).DistinctBy(e => e.Key).ToList();
        Assert.Equal("union.370102@gonghui.example", Assert.Single(unitMails).To);

        // Followed up: the row is gone and later sweeps announce nothing.
        Assert.Empty(await UnacknowledgedAsync(outbox, opened.Id));
        _clock.Now += HotlineSettings.DefaultOutboxSweepGrace * 2;
        Assert.Equal(0, await sweep.SweepAsync(CancellationToken.None));
    }

    private static async Task<List<TicketChange>> UnacknowledgedAsync(TicketOutbox outbox, string ticketId) =>
        [.. (await outbox.UnacknowledgedAsync(DateTimeOffset.MaxValue, int.MaxValue, 1000, CancellationToken.None))
            .Select(row => row.Change).Where(change => change.TicketId == ticketId)];

    /// <summary>A consultation for district 370102, received now.</summary>
    private async Task<Ticket> OpenConsultationAsync() =>
        (await _services.GetRequiredService<HotlineTickets>().OpenAsync(
            new TicketIntakeRequest("张伟", "13812345678", "consultation", "370102", "咨询", "内容", "phone", "normal", null, null, true),
            null, Operator, CancellationToken.None)).Ticket!;

    private async Task ScanAtAsync(DateTimeOffset now)
    {
        _clock.Now = now;
        await ActivatorUtilities.CreateInstance<SlaScanFunction>(_services).ScanAsync(CancellationToken.None);
        await DrainChangesAsync();
    }

    private async Task<IReadOnlyList<string>> RaisedAsync(string id) =>
        (await _services.GetRequiredService<HotlineTickets>().GetAsync(id, CancellationToken.None))!.Ticket.RaisedSlaEvents;

    /// <summary>
    /// Runs the change follow-up for every queued change (each <paramref name="deliveries"/> times) until none is
    /// left; answers how many messages there were.
    /// </summary>
    private async Task<int> DrainChangesAsync(int deliveries = 1)
    {
        var queue = _services.GetRequiredService<QueueServiceClient>().GetQueueClient(TicketChangeQueue.QueueName);
        var function = ActivatorUtilities.CreateInstance<TicketChangeFunction>(_services);
        var drained = 0;
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32)).Value;
            if (messages.Length == 0)
                return drained;
            drained += messages.Length;
            foreach (var message in messages)
            {
                var change = message.Body.ToObjectFromJson<TicketChange>(AppJson.Options)!;
                for (var i = 0; i < deliveries; i++)
                    await function.Run(change, CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    private async Task<List<EmailMessage>> QueuedEmailsAsync()
    {
        var queue = _services.GetRequiredService<QueueServiceClient>().GetQueueClient(EmailOutbox.QueueName);
        var emails = new List<EmailMessage>();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
        {
            emails.AddRange(messages.Select(m => m.Body.ToObjectFromJson<EmailMessage>()!));
        }

        return emails;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
