namespace Gonghui.Functions.Privacy;

public enum NationalIdProblem
{
    None,
    Missing,
    WrongLength,
    InvalidCharacters,
    UnknownRegion,
    InvalidBirthDate,
    WrongCheckDigit,
}

/// <summary>The outcome of <see cref="NationalId.Validate"/>: the canonical number or what is wrong.</summary>
public sealed record NationalIdCheck(bool IsValid, string? CanonicalId, DateOnly? BirthDate, NationalIdProblem Problem)
{
    internal static NationalIdCheck Valid(string id, DateOnly birthDate) => new(true, id, birthDate, NationalIdProblem.None);

    internal static NationalIdCheck Fail(NationalIdProblem problem) => new(false, null, null, problem);

    /// <summary>Stable error code for field errors, e.g. "national_id_check_digit".</summary>
    public string? ErrorCode => Problem switch
    {
        NationalIdProblem.None => null,
        NationalIdProblem.Missing => "required",
        NationalIdProblem.WrongLength => "national_id_length",
        NationalIdProblem.InvalidCharacters => "national_id_characters",
        NationalIdProblem.UnknownRegion => "national_id_region",
        NationalIdProblem.InvalidBirthDate => "national_id_birth_date",
        NationalIdProblem.WrongCheckDigit => "national_id_check_digit",
        _ => throw new InvalidOperationException(Problem.ToString()),
    };

    /// <summary>Simplified Chinese message for the applicant-facing form.</summary>
    public string? ErrorMessage => Problem switch
    {
        NationalIdProblem.None => null,
        NationalIdProblem.Missing => "请填写身份证号码。",
        NationalIdProblem.WrongLength => "身份证号码应为 18 位。",
        NationalIdProblem.InvalidCharacters => "身份证号码前 17 位应为数字，末位为数字或 X。",
        NationalIdProblem.UnknownRegion => "身份证号码的地区码无效。",
        NationalIdProblem.InvalidBirthDate => "身份证号码中的出生日期无效。",
        NationalIdProblem.WrongCheckDigit => "身份证号码校验位不正确，请核对。",
        _ => throw new InvalidOperationException(Problem.ToString()),
    };
}
