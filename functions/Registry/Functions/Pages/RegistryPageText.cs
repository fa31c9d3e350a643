using Gonghui.Functions.Registry.Domain;

namespace Gonghui.Functions.Registry.Functions.Pages;

/// <summary>What the registry's staff pages say, in Simplified Chinese: statuses, actions, field names and error codes.</summary>
public static class RegistryPageText
{
    public static string Status(RecordStatus status) => status switch
    {
        RecordStatus.Active => "在册",
        RecordStatus.Revoked => "撤销",
        RecordStatus.Deceased => "已故",
        _ => status.ToString(),
    };

    public static string Gender(Gender gender) => gender == Domain.Gender.Male ? "男" : "女";

    public static string Action(RegistryAction action) => action switch
    {
        RegistryAction.Created => "新建",
        RegistryAction.Updated => "修改",
        RegistryAction.StatusChanged => "状态变更",
        _ => action.ToString(),
    };

    /// <summary>A changed field as history names it ("jobTitle", "awards[craftsman]").</summary>
    public static string Field(string field, AwardCatalog awards) => field switch
    {
        "name" => "姓名",
        "gender" => "性别",
        "birthDate" => "出生日期",
        "nationalId" => "身份证号",
        "currentEmployer" => "现工作单位",
        "jobTitle" => "职务",
        "region" => "地区代码",
        "phone" => "联系电话",
        "status" => "状态",
        "effectiveOn" => "状态日期",
        "statusReason" => "状态原因",
        _ when field.StartsWith("awards[", StringComparison.Ordinal) && field.EndsWith(']') =>
            "荣誉称号：" + (awards.Find(field[7..^1])?.Name ?? field[7..^1]),
        _ => field,
    };

    /// <summary>A history value: statuses and genders in Chinese, empty as "（空）".</summary>
    public static string ChangeValue(string field, string? value) => (field, value) switch
    {
        (_, null or "") => "（空）",
        ("status", _) when StatusRules.TryParseStatus(value, out var status) => Status(status),
        ("gender", "male") => "男",
        ("gender", "female") => "女",
        _ => value,
    };

    public static string Award(string code, AwardCatalog awards) => awards.Find(code)?.Name ?? code;

    /// <summary>What an error code means, for the person who must fix the input.</summary>
    public static string Error(string code) => code switch
    {
        RegistryErrorCodes.Required => "此项必填。",
        RegistryErrorCodes.TooLong => "内容过长。",
        RegistryErrorCodes.InvalidCharacters => "含有不允许的字符。",
        RegistryErrorCodes.InvalidDate => "日期格式应为 年-月-日，如 2024-05-01。",
        RegistryErrorCodes.YearOutOfRange => "年份不在有效范围内。",
        RegistryErrorCodes.UnknownGender => "性别应为“男”或“女”。",
        RegistryErrorCodes.UnknownAward => "没有这个荣誉称号。",
        RegistryErrorCodes.UnknownStatus => "状态应为“在册”“撤销”或“已故”。",
        RegistryErrorCodes.InvalidRegion => "地区代码应为 6 位行政区划代码。",
        RegistryErrorCodes.InvalidPhone => "联系电话格式不正确。",
        "registry.national_id_length" => "身份证号码应为 18 位。",
        "registry.national_id_characters" => "身份证号码前 17 位应为数字，末位为数字或 X。",
        "registry.national_id_region" => "身份证号码的地区码无效。",
        "registry.national_id_birth_date" => "身份证号码中的出生日期无效。",
        "registry.national_id_check_digit" => "身份证号码校验位不正确，请核对。",
        RegistryErrorCodes.BirthDateMismatch => "出生日期与身份证号码不一致。",
        RegistryErrorCodes.GenderMismatch => "性别与身份证号码不一致。",
        RegistryErrorCodes.DuplicateAward => "同一荣誉称号填写了两次。",
        RegistryErrorCodes.TooManyAwards => "荣誉称号过多。",
        RegistryErrorCodes.DateInFuture => "日期不能晚于今天。",
        RegistryErrorCodes.UnknownNameMatch => "姓名匹配方式应为“完全一致”或“开头一致”。",
        RegistryErrorCodes.InvalidPageSize => "每页条数无效。",
        RegistryErrorCodes.InvalidContinuation => "翻页参数无效，请重新搜索。",
        RegistryErrorCodes.OutOfScope => "超出您所辖地区。",
        RegistryErrorCodes.NationalIdChanged => "身份证号码不能修改。",
        RegistryErrorCodes.StatusUnchanged => "新状态与当前状态相同。",
        RegistryErrorCodes.StatusNotAllowed => "已故记录的状态只能由管理员更正。",
        RegistryErrorCodes.ImportEmpty => "文件中没有数据行。",
        RegistryErrorCodes.ImportTooManyRows => "文件行数超过上限（20000 行）。",
        RegistryErrorCodes.ImportTooLarge => "文件超过 16 MB。",
        RegistryErrorCodes.ImportColumnMissing => "缺少必需的列。",
        RegistryErrorCodes.ImportMalformed => "无法读取该行（引号或分隔符有误）。",
        RegistryErrorCodes.ImportDuplicateRow => "与前面某行重复（同一人、同一荣誉称号）。",
        RegistryErrorCodes.ImportPersonConflict => "同一人的各行信息不一致。",
        _ => code,
    };
}
