using System.Globalization;

namespace Gonghui.Functions.Approvals;

/// <summary>China Standard Time (UTC+8, no daylight saving) for what people read.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>"2026年11月23日 16:05".</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture);

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(Offset).DateTime);
}
