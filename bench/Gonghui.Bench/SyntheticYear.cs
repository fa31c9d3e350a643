using Gonghui.Functions.Calendar;
using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Privacy;

namespace Gonghui.Bench;

/// <summary>
/// A year of tickets made with the hotline's own rules (open, route, accept, resolve, callback; some
/// left open), reduced to the figure buckets they contribute. Seeded, so every run loads the same figures.
/// </summary>
internal static class SyntheticYear
{
    public static IReadOnlyDictionary<FigureBucketKey, FigureCounters> Buckets(int tickets, int year)
    {
        var random = new Random(12351);
        var workflow = new TicketWorkflow(new WorkingCalendar(StateCouncilHolidayArrangements.All, WorkingHours.Default), HotlinePolicy.Default);
        var routing = HotlineSeed.RoutingTable();
        var regions = HotlineSeed.Regions.Where(region => region.ParentCode is not null).ToArray();
        var categories = Enum.GetValues<TicketCategory>();
        var staff = new Actor("bench", HotlineRole.Supervisor | HotlineRole.Operator, null);
        var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, ChinaStandardTime.Offset);
        var span = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, ChinaStandardTime.Offset) - start;
        var buckets = new Dictionary<FigureBucketKey, FigureCounters>();
        for (var i = 0; i < tickets; i++)
        {
            var received = start + span * random.NextDouble();
            var region = regions[random.Next(regions.Length)].Code;
            var category = categories[random.Next(categories.Length)];
            var intake = new TicketIntake("张伟", PhoneNumber.Parse("13812345678"), category, region, "s", "d", TicketChannel.Phone,
                random.Next(20) == 0 ? TicketUrgency.Urgent : TicketUrgency.Normal, null, null, true);
            var ticket = workflow.Open($"t{i}", TicketNumber.For(received, i + 1), intake, "h", null, staff, received).Ticket!;
            var now = received;
            Ticket Step(Ticket current, TicketCommand command, TimeSpan after)
            {
                now += after;
                var result = workflow.Apply(current, command, staff, now);
                return result.Succeeded ? result.Ticket : current;
            }

            ticket = Step(ticket, new TicketCommand.Assign(routing.Route(region, category)!.Unit), TimeSpan.FromMinutes(1));
            if (random.Next(100) < 97)
                ticket = Step(ticket, new TicketCommand.Accept(), TimeSpan.FromMinutes(random.Next(5, 180)));
            if (random.Next(100) < 93)
                ticket = Step(ticket, new TicketCommand.Resolve("已办结"), TimeSpan.FromHours(random.Next(2, 24 * 12)));
            if (random.Next(100) < 90)
                ticket = Step(ticket, new TicketCommand.Callback(true, random.Next(100) < 96 ? 5 : 3, null), TimeSpan.FromHours(random.Next(1, 48)));
            foreach (var (key, counters) in TicketContribution.Of(ticket))
                buckets[key] = buckets.GetValueOrDefault(key) + counters;
        }

        return buckets;
    }
}
