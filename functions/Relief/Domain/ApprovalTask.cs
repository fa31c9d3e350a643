using System.Text.Json.Serialization;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// One approval step: one level, in one submission round, waiting on the approver (and, after
/// escalation, the deputy as well). Its deadlines are fixed when it opens.
/// </summary>
public sealed record ApprovalTask
{
    public required string TaskId { get; init; }
    public required ApprovalLevel Level { get; init; }

    /// <summary>0-based position in the application's chain of levels.</summary>
    public required int LevelIndex { get; init; }

    public required int Round { get; init; }
    public required Approver Approver { get; init; }
    public required Approver Deputy { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public required DateTimeOffset ReminderAt { get; init; }
    public required DateTimeOffset EscalationAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RemindedAt { get; init; }
    public DateTimeOffset? EscalatedAt { get; init; }

    /// <summary>Who may decide now: the approver, and the deputy once escalated.</summary>
    [JsonIgnore]
    public IReadOnlyList<Approver> Deciders => EscalatedAt is null ? [Approver] : [Approver, Deputy];

    /// <summary>Deterministic, URL- and table-key-safe: "rel-42-L2-R1".</summary>
    public static string IdFor(string applicationId, int levelIndex, int round) => $"{applicationId}-L{levelIndex + 1}-R{round}";

    /// <summary>The application a task id of <see cref="IdFor"/>'s form names, or null for any other string.</summary>
    public static string? ApplicationIdOf(string taskId)
    {
        var level = taskId.LastIndexOf("-L", StringComparison.Ordinal);
        var round = taskId.LastIndexOf("-R", StringComparison.Ordinal);
        return level > 0 && round > level + 2 && taskId[(level + 2)..round].All(char.IsAsciiDigit) && round + 2 < taskId.Length
            && taskId[(round + 2)..].All(char.IsAsciiDigit)
            ? taskId[..level]
            : null;
    }
}
