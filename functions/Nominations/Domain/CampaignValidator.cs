using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Nominations.Domain;

/// <summary>Checks a campaign as an administrator set it; every problem at once, keyed by JSON path.</summary>
public static class CampaignValidator
{
    public static IReadOnlyList<FieldError> Validate(Campaign campaign)
    {
        var errors = new List<FieldError>();
        if (!IsSlug(campaign.CampaignId, 40))
            errors.Add(new("campaignId", "invalid_campaign_id", "活动编号为 1 到 40 个字母、数字或连字符。"));
        if (string.IsNullOrWhiteSpace(campaign.Name) || campaign.Name.Length > 100)
            errors.Add(new("name", "required", "请填写活动名称（最长 100 个字符）。"));
        if (string.IsNullOrWhiteSpace(campaign.AwardingBody) || campaign.AwardingBody.Length > 100)
            errors.Add(new("awardingBody", "required", "请填写授予单位（最长 100 个字符）。"));
        if (campaign.Year is < 2000 or > 2100)
            errors.Add(new("year", "out_of_range", "年度应在 2000 到 2100 之间。"));
        if (campaign.Window.Closes <= campaign.Window.Opens)
            errors.Add(new("window.closes", "before_opens", "截止时间应晚于开始时间。"));
        ValidateQuotas(campaign.Quotas, errors);
        for (var i = 0; i < campaign.MixRules.Count; i++)
        {
            var rule = campaign.MixRules[i];
            if (string.IsNullOrWhiteSpace(rule.Name))
                errors.Add(new($"mixRules[{i}].name", "required", "请填写结构比例要求的名称。"));
            if (rule.Categories.Count == 0)
                errors.Add(new($"mixRules[{i}].categories", "required", "请至少选择一个职业类别。"));
            if (rule.MinimumPercent is < 1 or > 100)
                errors.Add(new($"mixRules[{i}].minimumPercent", "out_of_range", "比例应在 1 到 100 之间。"));
        }
        if (campaign.NoticeWorkingDays is < 1 or > 30)
            errors.Add(new("noticeWorkingDays", "out_of_range", "公示期应为 1 到 30 个工作日。"));
        if (campaign.Timing.ReminderAfterWorkingDays is < 1 or > 30)
            errors.Add(new("timing.reminderAfterWorkingDays", "out_of_range", "提醒时间应为 1 到 30 个工作日。"));
        if (campaign.Timing.RevisionWorkingDays is < 1 or > 30)
            errors.Add(new("timing.revisionWorkingDays", "out_of_range", "修改期限应为 1 到 30 个工作日。"));
        if (campaign.UnitLeaderVotePercent is < 50 or > 100)
            errors.Add(new("unitLeaderVotePercent", "out_of_range", "单位负责人的职工赞成率要求应在 50% 到 100% 之间。"));
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < campaign.RequiredMaterials.Count; i++)
        {
            var material = campaign.RequiredMaterials[i];
            if (!IsSlug(material.Kind, 40) || !kinds.Add(material.Kind))
                errors.Add(new($"requiredMaterials[{i}].kind", "invalid_material_kind", "材料类型为不重复的字母、数字、下划线或连字符。"));
            if (string.IsNullOrWhiteSpace(material.Name))
                errors.Add(new($"requiredMaterials[{i}].name", "required", "请填写材料名称。"));
        }
        return errors;
    }

    private static void ValidateQuotas(IReadOnlyList<RegionQuota> quotas, List<FieldError> errors)
    {
        if (!quotas.Any(quota => quota.Level == ReviewLevel.Province))
            errors.Add(new("quotas", "province_quota_required", "请设置省级名额总数。"));
        var seen = new HashSet<(ReviewLevel, string)>();
        for (var i = 0; i < quotas.Count; i++)
        {
            var quota = quotas[i];
            if (ReviewLevels.LevelOf(quota.RegionCode) != quota.Level)
                errors.Add(new($"quotas[{i}].regionCode", "invalid_region_code", $"{quota.Level.ChineseName()}名额的地区代码不正确。"));
            else if (!seen.Add((quota.Level, quota.RegionCode)))
                errors.Add(new($"quotas[{i}].regionCode", "duplicate_region", "同一地区的名额只能设置一次。"));
            else if (quota.Level != ReviewLevel.Province
                     && !quotas.Any(parent => parent.Level == quota.Level + 1 && parent.RegionCode == (quota.Level + 1).RegionCodeFor(quota.RegionCode)))
                errors.Add(new($"quotas[{i}].regionCode", "parent_quota_missing", "上级地区尚未设置名额。"));
            if (quota.Places is < 1 or > 10_000)
                errors.Add(new($"quotas[{i}].places", "out_of_range", "名额应在 1 到 10000 之间。"));
        }
    }

    private static bool IsSlug(string? text, int maxLength) =>
        text is { Length: > 0 } && text.Length <= maxLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
