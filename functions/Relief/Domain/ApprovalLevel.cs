using System.Text.Json.Serialization;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>Union levels in the order an application climbs them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApprovalLevel>))]
public enum ApprovalLevel
{
    [JsonStringEnumMemberName("district")] District = 1,
    [JsonStringEnumMemberName("city")] City = 2,
    [JsonStringEnumMemberName("province")] Province = 3,
}

public static class ApprovalLevelNames
{
    /// <summary>"区县工会", "市总工会", "省总工会".</summary>
    public static string ChineseName(this ApprovalLevel level) => level switch
    {
        ApprovalLevel.District => "区县工会",
        ApprovalLevel.City => "市总工会",
        ApprovalLevel.Province => "省总工会",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>
    /// The region code of the union at this level for an applicant's district code (GB/T 2260):
    /// 370102 → district 370102, city 370100, province 370000. The approver directory is keyed by it.
    /// </summary>
    public static string RegionCodeFor(this ApprovalLevel level, string districtCode) => level switch
    {
        ApprovalLevel.District => districtCode,
        ApprovalLevel.City => string.Concat(districtCode.AsSpan(0, 4), "00"),
        ApprovalLevel.Province => string.Concat(districtCode.AsSpan(0, 2), "0000"),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}
