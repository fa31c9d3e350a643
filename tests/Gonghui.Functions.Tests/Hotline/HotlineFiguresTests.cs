using Gonghui.Functions.Hotline.Domain;
using static Gonghui.Functions.Tests.Hotline.HotlineTestData;

namespace Gonghui.Functions.Tests.Hotline;

public sealed class HotlineFiguresTests
{
    private static readonly RegionTable Regions = HotlineSeed.RegionTable();
    private static readonly HotlineFiguresCalculator Calculator = new(Regions);

    /// <summary>Eight tickets of the week of 16 November 2026 whose figures are worked out by hand below.</summary>
    private static IReadOnlyList<Ticket> HandSet()
    {
        var district = HandlerOf("370102-union");
        var t1 = OpenAccepted(Local(2026, 11, 16, 9, 0), Local(2026, 11, 16, 9, 30), id: "t1")           // first response 0.5 h
            .Apply(new TicketCommand.Resolve("已答复"), district, Local(2026, 11, 17, 9, 0))                  // 7 h, due Wed 17:30: on time
            .Apply(new TicketCommand.Callback(true, 5, null), Operator, Local(2026, 11, 17, 10, 0));
        var t2 = OpenAccepted(Local(2026, 11, 16, 10, 0), Local(2026, 11, 16, 11, 0), id: "t2")          // 1 h
            .Apply(new TicketCommand.Resolve("已答复"), district, Local(2026, 11, 20, 10, 0))                 // 28 h, due Thu 10:00: a breach
            .Apply(new TicketCommand.Callback(true, 3, null), Operator, Local(2026, 11, 20, 11, 0));
        var t3 = OpenAccepted(Local(2026, 11, 17, 9, 0), Local(2026, 11, 17, 10, 30), Intake(TicketCategory.Rights, "370103"), "t3");  // 1.5 h: an acceptance breach; due Mon 23
        var t4 = Open(Local(2026, 11, 18, 9, 0), id: "t4")
            .Apply(new TicketCommand.Assign(Unit("370102-union")), Actor.System, Local(2026, 11, 18, 9, 0))
            .Apply(new TicketCommand.RaiseSlaEvent("acceptance_breach:1"), Actor.System, Local(2026, 11, 18, 11, 0));  // due Fri 20, open
        var t5 = Open(Local(2026, 11, 16, 11, 0), id: "t5")
            .Apply(new TicketCommand.Merge(t1, "重复来电"), Operator, Local(2026, 11, 16, 11, 30));          // received only
        var centre = HandlerOf("370112-union");
        var t6 = OpenAccepted(Local(2026, 11, 19, 9, 0), Local(2026, 11, 19, 9, 15), Intake(TicketCategory.Hardship, "370112"), "t6")  // 0.25 h
            .Apply(new TicketCommand.Resolve("已发放慰问金"), centre, Local(2026, 11, 19, 17, 30))           // 7 h
            .Apply(new TicketCommand.Callback(true, 4, null), Operator, Local(2026, 11, 19, 17, 45))
            .Apply(new TicketCommand.Reopen("来电人称未收到"), Operator, Local(2026, 11, 20, 9, 0));         // new cycle due Thu 3 December
        var legalAid = HandlerOf("370100-legal-aid");
        var t7 = OpenAccepted(Local(2026, 11, 20, 14, 0), Local(2026, 11, 20, 14, 30),
                Intake(TicketCategory.LegalAid, urgency: TicketUrgency.Urgent, callbackConsent: false), "t7")   // 0.5 h
            .Apply(new TicketCommand.WaitOnCaller("等待劳动合同"), legalAid, Local(2026, 11, 20, 15, 0))
            .Apply(new TicketCommand.Resume(null), legalAid, Local(2026, 11, 23, 9, 0))                    // due Mon 23 16:30
            .Apply(new TicketCommand.Resolve("已受理援助"), legalAid, Local(2026, 11, 23, 16, 0))           // 1 + 3 + 2.5 = 6.5 h
            .Apply(new TicketCommand.Close("不接受回访"), Operator, Local(2026, 11, 23, 16, 30));
        var t8 = OpenAccepted(Local(2026, 11, 21, 10, 0), Local(2026, 11, 23, 9, 10), id: "t8")          // Saturday; 10 working minutes
            .Apply(new TicketCommand.Resolve("已答复"), district, Local(2026, 11, 23, 17, 0))                 // 6.5 h, due Wed 25
            .Apply(new TicketCommand.Callback(true, 4, null), Operator, Local(2026, 11, 24, 9, 0));
        return [t1, t2, t3, t4, t5, t6, t7, t8];
    }

    private static IEnumerable<KeyValuePair<FigureBucketKey, FigureCounters>> Buckets(IEnumerable<Ticket> tickets) =>
        tickets.SelectMany(ticket => TicketContribution.Of(ticket))
            .GroupBy(pair => pair.Key)
            .Select(group => KeyValuePair.Create(group.Key, group.Aggregate(default(FigureCounters), (sum, pair) => sum + pair.Value)));

    [Fact]
    public void The_week_by_hand()
    {
        var figures = Calculator.Summarize(Buckets(HandSet()), new HotlineFiguresQuery(new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 22))).Total;

        Assert.Equal(8, figures.Received);
        Assert.Equal(new Rate(2, 3), figures.ClosureRate);          // due this week: t1, t2, t4; closed: t1, t2
        Assert.Equal(66.67m, figures.ClosureRate.Percent);
        Assert.Equal(new Rate(1, 3), figures.OnTimeClosureRate);    // t1
        Assert.Equal(33.33m, figures.OnTimeClosureRate.Percent);
        Assert.Equal(new TimeSpan(0, 39, 10), figures.AverageFirstResponse);   // (30 + 60 + 90 + 15 + 30 + 10) min / 6
        Assert.Equal(TimeSpan.FromHours(11), figures.AverageResolution);      // (7 + 28 + 7 + 6.5 + 6.5) h / 5
        Assert.Equal(new Rate(3, 4), figures.SatisfactionRate);     // 5, 3, 4, 4
        Assert.Equal(75m, figures.SatisfactionRate.Percent);
        Assert.Equal(new Rate(1, 5), figures.ReopenRate);           // t6 among t1, t2, t6, t7, t8
        Assert.Equal(3, figures.Breaches);                           // t2 resolution, t3 and t4 acceptance
    }

    [Fact]
    public void A_period_reads_month_buckets_for_whole_months_and_day_buckets_at_the_edges()
    {
        Assert.Equal(
            [
                new FigureRange(FigureGranularity.Day, new DateOnly(2026, 2, 10), new DateOnly(2026, 2, 28)),
                new FigureRange(FigureGranularity.Month, new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1)),
                new FigureRange(FigureGranularity.Day, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 20)),
            ],
            new HotlineFiguresQuery(new DateOnly(2026, 2, 10), new DateOnly(2026, 5, 20)).Plan());
        Assert.Equal(
            [new FigureRange(FigureGranularity.Month, new DateOnly(2025, 12, 1), new DateOnly(2026, 12, 1))],
            new HotlineFiguresQuery(new DateOnly(2025, 12, 1), new DateOnly(2026, 12, 31)).Plan());
        Assert.Equal(
            [new FigureRange(FigureGranularity.Day, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31))],
            new HotlineFiguresQuery(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), GroupBy: FigureGroupBy.Day).Plan());
        Assert.Empty(new HotlineFiguresQuery(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1)).Plan());
    }

    [Fact]
    public void The_month_by_hand_from_month_buckets()
    {
        var query = new HotlineFiguresQuery(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
        Assert.Equal([new FigureRange(FigureGranularity.Month, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1))], query.Plan());
        var figures = Calculator.Summarize(Buckets(HandSet()), query).Total;
        Assert.Equal(8, figures.Received);
        Assert.Equal(new Rate(4, 6), figures.ClosureRate);          // due in November: t1, t2, t3, t4, t7, t8; closed t1, t2, t7, t8
        Assert.Equal(new Rate(3, 6), figures.OnTimeClosureRate);    // t1, t7, t8
    }

    [Fact]
    public void The_week_by_region_and_category_by_hand()
    {
        var week = new HotlineFiguresQuery(new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 22));
        var district = Calculator.Summarize(Buckets(HandSet()), week with { RegionCode = "370102" }).Total;
        Assert.Equal(6, district.Received);                         // t1, t2, t4, t5, t7, t8
        Assert.Equal(Calculator.Summarize(Buckets(HandSet()), week with { RegionCode = "370100" }).Total, 
            Calculator.Summarize(Buckets(HandSet()), week).Total);   // the city includes its districts

        var byCategory = Calculator.Summarize(Buckets(HandSet()), week with { GroupBy = FigureGroupBy.Category }).Groups;
        Assert.Equal(["consultation", "hardship", "legal_aid", "rights"], byCategory.Select(group => group.Key));
        Assert.Equal([5L, 1L, 1L, 1L], byCategory.Select(group => group.Figures.Received));
    }

    [Fact]
    public void Contributions_summed_over_buckets_equal_a_direct_computation()
    {
        var tickets = RandomTickets(seed: 12351, count: 600);
        Assert.All(
            new Func<Ticket, bool>[]
            {
                t => t.Status == TicketStatus.Received, t => t.Status == TicketStatus.Assigned, t => t.WaitingOnCaller,
                t => t.CloseReason == CloseReason.CallbackCompleted, t => t.CloseReason == CloseReason.CallbackFailed,
                t => t.CloseReason == CloseReason.ClosedByStaff, t => t.MergedInto is not null, t => t.ReopenCount > 0,
                t => t.TransferCount > 0, t => t.AcceptanceBreaches > 0, t => t.ResolutionBreaches > 0,
                t => t.ResolutionClock.WasMet, t => t.Satisfaction is 4 or 5, t => t.Satisfaction is 1 or 2 or 3,
            },
            covered => Assert.Contains(tickets, t => covered(t)));
        var buckets = Buckets(tickets).ToList();
        var queries = new List<HotlineFiguresQuery>
        {
            new(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)),
            new(new DateOnly(2026, 2, 10), new DateOnly(2026, 5, 20)),
            new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), RegionCode: "370102"),
            new(new DateOnly(2026, 1, 15), new DateOnly(2026, 1, 15)),
        };
        foreach (var query in queries.ToList())
        {
            queries.AddRange(Enum.GetValues<FigureGroupBy>().Select(groupBy => query with { GroupBy = groupBy }));
            queries.Add(query with { Category = TicketCategory.Rights, GroupBy = FigureGroupBy.Unit });
            queries.Add(query with { UnitId = "370100-legal-aid", GroupBy = FigureGroupBy.Month });
        }

        foreach (var query in queries)
        {
            var expected = DirectFigures.Compute(tickets, query, Regions);
            var actual = Calculator.Summarize(buckets, query);
            Assert.Equal(expected.Total, actual.Total);
            Assert.Equal(expected.Groups, actual.Groups.Where(group => group.Figures.Counters != default));
        }

        Assert.Equal(tickets.Count, Calculator.Summarize(buckets, queries[0]).Total.Received);
    }

    [Fact]
    public void Deltas_applied_at_every_change_add_up_to_the_final_contributions()
    {
        var buckets = new Dictionary<FigureBucketKey, FigureCounters>();
        var finals = new List<Ticket>();
        foreach (var history in RandomHistories(seed: 7, count: 150))
        {
            Ticket? before = null;
            foreach (var snapshot in history)
            {
                foreach (var (key, delta) in TicketContribution.Delta(before, snapshot))
                {
                    buckets[key] = buckets.GetValueOrDefault(key) + delta;
                }

                before = snapshot;
            }

            finals.Add(before!);
        }

        var expected = Buckets(finals).Where(pair => !pair.Value.IsZero).ToDictionary();
        Assert.Equal(expected.OrderBy(p => p.Key.ToString()), buckets.Where(pair => !pair.Value.IsZero).OrderBy(p => p.Key.ToString()));
    }

    private static List<Ticket> RandomTickets(int seed, int count) => RandomHistories(seed, count).Select(history => history[^1]).ToList();

    /// <summary>Tickets through random lifecycles over 2026; each history lists every snapshot of one ticket.</summary>
    private static List<List<Ticket>> RandomHistories(int seed, int count)
    {
        var random = new Random(seed);
        var histories = new List<List<Ticket>>();
        var categories = Enum.GetValues<TicketCategory>();
        for (var i = 0; i < count; i++)
        {
            var receivedAt = Local(2026, 1, 1, 0).AddMinutes(random.Next(0, 365 * 24 * 60));
            var region = HotlineSeed.Regions[random.Next(HotlineSeed.Regions.Count)].Code;
            var intake = Intake(categories[random.Next(categories.Length)], region,
                random.Next(5) == 0 ? TicketUrgency.Urgent : TicketUrgency.Normal, random.Next(4) != 0);
            var ticket = Open(receivedAt, intake, $"r{i}");
            var history = new List<Ticket> { ticket };
            var now = receivedAt;
            for (var step = 0; step < 16; step++)
            {
                now = now.AddMinutes(random.Next(1, 3 * 24 * 60));
                var command = RandomCommand(random, ticket, histories);
                var actor = command is TicketCommand.RaiseSlaEvent or TicketCommand.Assign ? Actor.System : Supervisor;
                var result = Workflow.Apply(ticket, command, actor, now);
                if (result.Succeeded)
                {
                    ticket = result.Ticket;
                    history.Add(ticket);
                }
            }

            histories.Add(history);
        }

        return histories;
    }

    private static TicketCommand RandomCommand(Random random, Ticket ticket, List<List<Ticket>> earlier)
    {
        var due = Workflow.Sla.DueEvents(ticket, ticket.ReceivedAt.AddYears(1));
        return random.Next(12) switch
        {
            0 => new TicketCommand.Assign(Routing.Route(ticket.RegionCode, ticket.Category)!.Unit),
            1 or 2 => new TicketCommand.Accept(),
            3 => random.Next(2) == 0 ? new TicketCommand.WaitOnCaller("等待") : new TicketCommand.Resume(null),
            4 or 5 => new TicketCommand.Resolve("已办结"),
            6 or 10 => random.Next(4) != 0 ? new TicketCommand.Callback(false, null, null) : new TicketCommand.Callback(true, random.Next(1, 6), null),
            7 => random.Next(2) == 0 ? new TicketCommand.Reopen("未解决") : new TicketCommand.Close("结案"),
            8 => new TicketCommand.Transfer(Routing.Units.ElementAt(random.Next(Routing.Units.Count)), "转办"),
            9 when earlier.Count > 0 && random.Next(4) == 0 => new TicketCommand.Merge(earlier[random.Next(earlier.Count)][^1], null),
            _ => new TicketCommand.RaiseSlaEvent(due.Count > 0 ? due[random.Next(due.Count)].Key : "none"),
        };
    }
}
