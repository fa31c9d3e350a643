using System.Text.Json.Serialization;

namespace Gonghui.Functions.Nominations.Domain;

/// <summary>Review levels in the order a nomination climbs them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewLevel>))]
public enum ReviewLevel
{
    [JsonStringEnumMemberName("county")] County = 1,
    [JsonStringEnumMemberName("city")] City = 2,
    [JsonStringEnumMemberName("province")] Province = 3,
}

public static class ReviewLevels
{
    /// <summary>"区县总工会", "市总工会", "省总工会".</summary>
    public static string ChineseName(this ReviewLevel level) => level switch
    {
        ReviewLevel.County => "区县总工会",
        ReviewLevel.City => "市总工会",
        ReviewLevel.Province => "省总工会",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>The region of the union at this level for a county code (GB/T 2260): 370102 → 370102, 370100, 370000.</summary>
    public static string RegionCodeFor(this ReviewLevel level, string countyCode) => level switch
    {
        ReviewLevel.County => countyCode,
        ReviewLevel.City => string.Concat(countyCode.AsSpan(0, 4), "00"),
        ReviewLevel.Province => string.Concat(countyCode.AsSpan(0, 2), "0000"),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>The level a six-digit region code names (xx0000 province, xxxx00 city, else county); null when malformed.</summary>
    public static ReviewLevel? LevelOf(string? regionCode) =>
        regionCode is not { Length: 6 } || !regionCode.All(char.IsAsciiDigit) || regionCode.StartsWith("00", StringComparison.Ordinal) ? null
        : regionCode.EndsWith("0000", StringComparison.Ordinal) ? ReviewLevel.Province
        : regionCode.EndsWith("00", StringComparison.Ordinal) ? ReviewLevel.City
        : ReviewLevel.County;

    public static ReviewLevel? Next(this ReviewLevel level) => level == ReviewLevel.Province ? null : level + 1;
}
