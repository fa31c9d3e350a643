using System.Text.Json.Serialization;

namespace Gonghui.Functions.Nominations.Domain;

/// <summary>The nominee's occupation category; quota-mix rules count a list by it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OccupationCategory>))]
public enum OccupationCategory
{
    /// <summary>产业工人.</summary>
    [JsonStringEnumMemberName("industrial_worker")] IndustrialWorker = 1,

    /// <summary>其他一线职工.</summary>
    [JsonStringEnumMemberName("frontline_worker")] FrontlineWorker,

    /// <summary>专业技术人员.</summary>
    [JsonStringEnumMemberName("technical_staff")] TechnicalStaff,

    /// <summary>企业负责人及管理人员.</summary>
    [JsonStringEnumMemberName("manager")] Manager,

    /// <summary>机关事业单位人员.</summary>
    [JsonStringEnumMemberName("public_sector")] PublicSector,

    [JsonStringEnumMemberName("other")] Other,
}

public static class OccupationCategoryNames
{
    public static string ChineseName(this OccupationCategory category) => category switch
    {
        OccupationCategory.IndustrialWorker => "产业工人",
        OccupationCategory.FrontlineWorker => "其他一线职工",
        OccupationCategory.TechnicalStaff => "专业技术人员",
        OccupationCategory.Manager => "企业负责人及管理人员",
        OccupationCategory.PublicSector => "机关事业单位人员",
        OccupationCategory.Other => "其他",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}
