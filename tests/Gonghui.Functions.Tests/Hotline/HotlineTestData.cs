using Gonghui.Functions.Calendar;
using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Privacy;

namespace Gonghui.Functions.Tests.Hotline;

/// <summary>The seeded calendar, policy and routing, and helpers to drive tickets through the workflow.</summary>
internal static class HotlineTestData
{
    public static readonly WorkingCalendar SeededCalendar = new(StateCouncilHolidayArrangements.All, WorkingHours.Default);
    public static readonly TicketWorkflow Workflow = new(SeededCalendar, HotlinePolicy.Default);
    public static readonly RoutingTable Routing = HotlineSeed.RoutingTable();

    public static readonly Actor Operator = new("op-1", HotlineRole.Operator, null);
    public static readonly Actor Supervisor = new("sup-1", HotlineRole.Supervisor, null);

    public static HandlingUnit Unit(string id) => Routing.FindUnit(id) ?? throw new ArgumentException(id);

    public static Actor HandlerOf(string unitId) => new($"handler@{unitId}", HotlineRole.Handler, unitId);

    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, ChinaStandardTime.Offset);

    public static TicketIntake Intake(
        TicketCategory category = TicketCategory.Consultation,
        string regionCode = "370102",
        TicketUrgency urgency = TicketUrgency.Normal,
        bool callbackConsent = true,
        string phone = "13812345678") =>
        new("张伟", PhoneNumber.Parse(phone), category, regionCode, "咨询", "内容", TicketChannel.Phone, urgency, null, null, callbackConsent);

    public static Ticket Open(DateTimeOffset receivedAt, TicketIntake? intake = null, string id = "t-1", long sequence = 1)
    {
        var result = Workflow.Open(id, TicketNumber.For(receivedAt, sequence), intake ?? Intake(), "hash", null, Operator, receivedAt);
        Assert.True(result.Succeeded);
        return result.Ticket;
    }

    public static Ticket Apply(this Ticket ticket, TicketCommand command, Actor actor, DateTimeOffset now)
    {
        var result = Workflow.Apply(ticket, command, actor, now);
        Assert.True(result.Succeeded, result.Rejection?.Code);
        return result.Ticket;
    }

    /// <summary>Routed to its seeded unit and accepted by it.</summary>
    public static Ticket OpenAccepted(DateTimeOffset receivedAt, DateTimeOffset acceptedAt, TicketIntake? intake = null, string id = "t-1")
    {
        var ticket = Open(receivedAt, intake, id);
        var unit = Routing.Route(ticket.RegionCode, ticket.Category)!.Unit;
        return ticket
            .Apply(new TicketCommand.Assign(unit), Actor.System, receivedAt)
            .Apply(new TicketCommand.Accept(), HandlerOf(unit.Id), acceptedAt);
    }

    public static TicketRejection Rejection(Ticket ticket, TicketCommand command, DateTimeOffset now, Actor? actor = null)
    {
        var result = Workflow.Apply(ticket, command, actor ?? Supervisor, now);
        Assert.False(result.Succeeded);
        return result.Rejection;
    }
}
