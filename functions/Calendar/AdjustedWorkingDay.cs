namespace Gonghui.Functions.Calendar;

/// <summary>A weekend day that is worked to make up for a holiday (调休上班), named after that holiday.</summary>
public sealed record AdjustedWorkingDay(DateOnly Date, string HolidayName);
