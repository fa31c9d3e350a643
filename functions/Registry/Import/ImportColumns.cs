namespace Gonghui.Functions.Registry.Import;

/// <summary>
/// The columns of the import template (docs/registry-import-template.csv), which exports use too: one row per person
/// and award. A person with two awards has two rows with the same 身份证号.
/// </summary>
public static class ImportColumns
{
    public const string Name = "姓名";
    public const string Gender = "性别";
    public const string BirthDate = "出生日期";
    public const string NationalId = "身份证号";
    public const string Award = "荣誉称号";
    public const string AwardYear = "获得年份";
    public const string AwardingBody = "授予机关";
    public const string EmployerAtAward = "获奖时工作单位";
    public const string CurrentEmployer = "现工作单位";
    public const string JobTitle = "职务";
    public const string Region = "地区代码";
    public const string Status = "状态";
    public const string StatusDate = "状态日期";
    public const string StatusReason = "状态原因";
    public const string Phone = "联系电话";

    public static readonly IReadOnlyList<string> All =
    [
        Name, Gender, BirthDate, NationalId, Award, AwardYear, AwardingBody, EmployerAtAward, CurrentEmployer, JobTitle, Region,
        Status, StatusDate, StatusReason, Phone,
    ];

    /// <summary>A file without these columns is refused as a whole; the others may be left out.</summary>
    public static readonly IReadOnlyList<string> Required =
        [Name, NationalId, Award, AwardYear, AwardingBody, EmployerAtAward, CurrentEmployer, Region];

    /// <summary>The column a validation field of one row belongs to.</summary>
    public static string ForField(string field) => field switch
    {
        "name" => Name,
        "gender" => Gender,
        "birthDate" => BirthDate,
        "nationalId" => NationalId,
        "awards" or "awards[0].kind" => Award,
        "awards[0].year" => AwardYear,
        "awards[0].awardingBody" => AwardingBody,
        "awards[0].employerAtAward" => EmployerAtAward,
        "currentEmployer" => CurrentEmployer,
        "jobTitle" => JobTitle,
        "region" => Region,
        "phone" => Phone,
        "status" => Status,
        "effectiveOn" => StatusDate,
        "reason" => StatusReason,
        _ => field,
    };
}
