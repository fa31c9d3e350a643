namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// The instant a number of working days after <paramref name="start"/>, per the holiday calendar
/// (China time). Supplied by the working-day calendar (functions/Calendar); relief timing only
/// depends on this one operation.
/// </summary>
public delegate DateTimeOffset WorkingDayAdder(DateTimeOffset start, int workingDays);
