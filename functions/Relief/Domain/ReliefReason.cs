using System.Text.Json.Serialization;

namespace Gonghui.Functions.Relief.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<ReliefReason>))]
public enum ReliefReason
{
    [JsonStringEnumMemberName("illness")] Illness = 1,
    [JsonStringEnumMemberName("disaster")] Disaster,
    [JsonStringEnumMemberName("accident")] Accident,
    [JsonStringEnumMemberName("education")] Education,
    [JsonStringEnumMemberName("other")] Other,
}

public static class ReliefReasonNames
{
    public static string ChineseName(this ReliefReason reason) => reason switch
    {
        ReliefReason.Illness => "因病",
        ReliefReason.Disaster => "因灾",
        ReliefReason.Accident => "意外事故",
        ReliefReason.Education => "子女就学",
        ReliefReason.Other => "其他",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
