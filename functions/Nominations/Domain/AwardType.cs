using System.Text.Json.Serialization;

namespace Gonghui.Functions.Nominations.Domain;

/// <summary>The awards a campaign can be held for (the registry keeps the same list).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AwardType>))]
public enum AwardType
{
    [JsonStringEnumMemberName("model_worker")] ModelWorker = 1,
    [JsonStringEnumMemberName("advanced_worker")] AdvancedWorker,
    [JsonStringEnumMemberName("may_day_medal")] MayDayMedal,
    [JsonStringEnumMemberName("craftsman")] Craftsman,
}

public static class AwardTypeNames
{
    /// <summary>"劳动模范", "先进工作者", "五一劳动奖章", "工匠".</summary>
    public static string ChineseName(this AwardType award) => award switch
    {
        AwardType.ModelWorker => "劳动模范",
        AwardType.AdvancedWorker => "先进工作者",
        AwardType.MayDayMedal => "五一劳动奖章",
        AwardType.Craftsman => "工匠",
        _ => throw new ArgumentOutOfRangeException(nameof(award), award, null),
    };
}
