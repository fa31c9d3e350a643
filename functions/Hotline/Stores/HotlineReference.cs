using Gonghui.Functions.Calendar;
using Gonghui.Functions.Hotline.Domain;

namespace Gonghui.Functions.Hotline.Stores;

/// <summary>The admin-edited data every hotline decision uses, as one consistent set.</summary>
public sealed class HotlineReference(IReadOnlyList<HolidayCalendarYear> calendarYears, RoutingData routing, HotlinePolicy policy)
{
    public IReadOnlyList<HolidayCalendarYear> CalendarYears { get; } = calendarYears;

    public RoutingData RoutingData { get; } = routing;

    public HotlinePolicy Policy { get; } = policy;

    public WorkingCalendar Calendar { get; } = new(calendarYears, WorkingHours.Default);

    public RegionTable Regions { get; } = new(routing.Regions);

    public RoutingTable Routing { get; } = new(new RegionTable(routing.Regions), routing.Units, routing.Rules);

    public TicketWorkflow Workflow => new(Calendar, Policy);

    public IntakeValidator IntakeValidator => new(Regions);
}
