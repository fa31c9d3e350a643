using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Nominations.Domain;

/// <summary>When nominations are accepted: from <see cref="Opens"/> (inclusive) to <see cref="Closes"/> (exclusive).</summary>
public sealed record NominationWindow(DateTimeOffset Opens, DateTimeOffset Closes)
{
    public const string NotOpen = "window_not_open";
    public const string Closed = "window_closed";

    public bool Contains(DateTimeOffset at) => at >= Opens && at < Closes;

    /// <summary>The error for an action at <paramref name="at"/> outside the window, else null.</summary>
    public FieldError? Check(DateTimeOffset at) =>
        at < Opens ? new FieldError("campaign", NotOpen, $"推荐申报尚未开始（{Local(Opens)} 开始）。")
        : at >= Closes ? new FieldError("campaign", Closed, $"推荐申报已于 {Local(Closes)} 截止。")
        : null;

    private static string Local(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
