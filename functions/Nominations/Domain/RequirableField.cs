using System.Text.Json.Serialization;

namespace Gonghui.Functions.Nominations.Domain;

/// <summary>Fields that are optional unless a campaign requires them (the rest of a nomination is always required).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequirableField>))]
public enum RequirableField
{
    [JsonStringEnumMemberName("politicalStatus")] PoliticalStatus = 1,
    [JsonStringEnumMemberName("honours")] Honours,
}
