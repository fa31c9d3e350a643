using System.Globalization;

namespace Gonghui.Functions.Nominations.Domain.Review;

/// <summary>
/// One level's review of one submission round, waiting on that level's reviewers. <see cref="Attempt"/> counts the
/// tasks of a round: an approval that found the quota full closes the task and opens the next attempt, so every
/// task's links stay single-use.
/// </summary>
public sealed record ReviewTask
{
    public required string TaskId { get; init; }
    public required ReviewLevel Level { get; init; }
    public required int Round { get; init; }
    public required int Attempt { get; init; }
    public required IReadOnlyList<Reviewer> Reviewers { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public required DateTimeOffset ReminderAt { get; init; }
    public DateTimeOffset? RemindedAt { get; init; }

    /// <summary>Deterministic, URL- and table-key-safe: "nom-42-L2-R1-A1".</summary>
    public static string IdFor(string nominationId, ReviewLevel level, int round, int attempt) =>
        string.Create(CultureInfo.InvariantCulture, $"{nominationId}-L{(int)level}-R{round}-A{attempt}");

    /// <summary>The nomination a task id of <see cref="IdFor"/>'s form names, or null for any other string.</summary>
    public static string? NominationIdOf(string taskId)
    {
        var parts = taskId.Split('-');
        return parts.Length >= 5 && parts[^3] is ['L', >= '1' and <= '3'] && IsNumbered(parts[^2], 'R') && IsNumbered(parts[^1], 'A')
            ? string.Join('-', parts[..^3])
            : null;
    }

    private static bool IsNumbered(string part, char prefix) => part.Length > 1 && part[0] == prefix && part[1..].All(char.IsAsciiDigit);
}
