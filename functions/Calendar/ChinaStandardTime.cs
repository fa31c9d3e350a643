using System.Globalization;

namespace Gonghui.Functions.Calendar;

/// <summary>
/// China Standard Time is a fixed UTC+8 offset with no daylight saving, so conversions use the
/// offset directly rather than the host's time-zone database (which may be absent in containers).
/// </summary>
public static class ChinaStandardTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The local wall-clock time (Kind Unspecified) of an instant.</summary>
    public static DateTime ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset).DateTime;

    public static DateOnly ToLocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant));

    /// <summary>The instant of a local wall-clock time, expressed at offset +08:00.</summary>
    public static DateTimeOffset FromLocal(DateTime local) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);

    public static DateTimeOffset FromLocal(DateOnly date, TimeOnly time) => FromLocal(date.ToDateTime(time));

    /// <summary>An instant as people read it: "2026年11月23日 16:05".</summary>
    public static string Format(DateTimeOffset instant) =>
        ToLocal(instant).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture);
}
