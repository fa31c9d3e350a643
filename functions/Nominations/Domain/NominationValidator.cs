using System.Globalization;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Nominations.Domain;

/// <summary>
/// Checks a nomination against its campaign. A draft may be incomplete, but what it holds must be well-formed; a
/// submission must be complete, inside the nomination window and meet the campaign's rules. Either way every
/// problem is answered at once, keyed by JSON path, never thrown.
/// </summary>
public static class NominationValidator
{
    public const int MaxNameLength = 50;
    public const int MaxEmployerLength = 100;
    public const int MaxJobTitleLength = 50;
    public const int MaxPoliticalStatusLength = 20;
    public const int MaxAchievementsLength = 5000;
    public const int MaxHonours = 20;
    public const int MaxHonourLength = 200;
    public const int MaxMaterials = 30;
    public const int MaxFileNameLength = 200;

    public const string VoteBelowThreshold = "vote_below_threshold";
    public const string MaterialRequired = "material_required";

    /// <summary>What is wrong with the draft's filled-in values; empty when it can be saved.</summary>
    public static IReadOnlyList<FieldError> ValidateDraft(NominationRequest? request, Campaign campaign, DateTimeOffset at)
    {
        var errors = new FieldErrorCollector(complete: false);
        Read(request, campaign, ChinaStandardTime.ToLocalDate(at), errors);
        return errors.Items;
    }

    public static ValidationResult<NominationDetails> ValidateSubmission(NominationRequest? request, Campaign campaign, DateTimeOffset at)
    {
        var errors = new FieldErrorCollector(complete: true);
        if (campaign.Window.Check(at) is { } outside) errors.Items.Add(outside);
        var details = Read(request, campaign, ChinaStandardTime.ToLocalDate(at), errors);
        return errors.Items.Count > 0 || details is null
            ? ValidationResult<NominationDetails>.Invalid(errors.Items)
            : ValidationResult<NominationDetails>.Valid(details);
    }

    private static NominationDetails? Read(NominationRequest? request, Campaign campaign, DateOnly today, FieldErrorCollector errors)
    {
        if (request is null)
        {
            errors.Add("", "required", "请求内容不能为空。");
            return null;
        }
        var nominee = ReadNominee(request.Nominee, campaign, today, errors);
        var achievements = errors.Text(request.Achievements, "achievements", MaxAchievementsLength, required: true, multiline: true);
        var honours = ReadHonours(request.Honours, campaign, errors);
        var materials = ReadMaterials(request.Materials, campaign, errors);
        StaffVote? vote = null;
        if (request.StaffVote is not null)
            vote = ReadStaffVote(request.StaffVote, campaign, errors);
        else if (request.Nominee?.IsUnitLeader == true)
            errors.Missing("staffVote");
        return nominee is null || achievements is null || honours is null || materials is null
               || (nominee.IsUnitLeader && vote is null)
            ? null
            : new NominationDetails(nominee, achievements, honours, materials, nominee.IsUnitLeader ? vote : null);
    }

    private static Nominee? ReadNominee(NomineeRequest? request, Campaign campaign, DateOnly today, FieldErrorCollector errors)
    {
        if (request is null)
        {
            if (errors.Complete) errors.Add("nominee", "required", "请填写被推荐人信息。");
            return null;
        }
        var name = errors.Text(request.Name, "nominee.name", MaxNameLength, required: true);
        Gender? gender = null;
        if (string.IsNullOrWhiteSpace(request.Gender))
            errors.Missing("nominee.gender");
        else if (WireNames<Gender>.TryParse(request.Gender.Trim(), out var parsedGender))
            gender = parsedGender;
        else
            errors.Add("nominee.gender", "invalid_gender", "性别应为 male 或 female。");

        DateOnly? birthDate = null;
        if (string.IsNullOrWhiteSpace(request.BirthDate))
            errors.Missing("nominee.birthDate");
        else if (DateOnly.TryParseExact(request.BirthDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedBirth)
                 && parsedBirth.Year >= 1900 && parsedBirth <= today)
            birthDate = parsedBirth;
        else
            errors.Add("nominee.birthDate", "invalid_date", "出生日期格式为 yyyy-MM-dd，且不晚于今天。");

        string? nationalId = null;
        if (!string.IsNullOrWhiteSpace(request.NationalId) || errors.Complete)
        {
            var check = NationalId.Validate(request.NationalId, today);
            if (!check.IsValid)
            {
                errors.Add("nominee.nationalId", check.ErrorCode!, check.ErrorMessage!);
            }
            else
            {
                nationalId = check.CanonicalId!;
                if (birthDate is { } birth && check.BirthDate != birth)
                    errors.Add("nominee.birthDate", "birth_date_mismatch", "出生日期与身份证号码不一致。");
                if (gender is { } declared && GenderOf(nationalId) != declared)
                    errors.Add("nominee.gender", "gender_mismatch", "性别与身份证号码不一致。");
            }
        }

        var employer = errors.Text(request.Employer, "nominee.employer", MaxEmployerLength, required: true);
        var jobTitle = errors.Text(request.JobTitle, "nominee.jobTitle", MaxJobTitleLength, required: true);
        OccupationCategory? category = null;
        if (string.IsNullOrWhiteSpace(request.OccupationCategory))
            errors.Missing("nominee.occupationCategory");
        else if (WireNames<OccupationCategory>.TryParse(request.OccupationCategory.Trim(), out var parsedCategory))
            category = parsedCategory;
        else
            errors.Add("nominee.occupationCategory", "invalid_occupation_category", "职业类别不在可选范围内。");
        var politicalStatus = errors.Text(request.PoliticalStatus, "nominee.politicalStatus", MaxPoliticalStatusLength,
            required: campaign.RequiredFields.Contains(RequirableField.PoliticalStatus));
        if (request.IsUnitLeader is null) errors.Missing("nominee.isUnitLeader");

        return name is null || gender is null || birthDate is null || nationalId is null || employer is null || jobTitle is null
               || category is null || request.IsUnitLeader is null
            ? null
            : new Nominee(name, gender.Value, birthDate.Value, nationalId, employer, jobTitle, category.Value, politicalStatus, request.IsUnitLeader.Value);
    }

    /// <summary>GB 11643: the 17th character is odd for men, even for women.</summary>
    private static Gender GenderOf(string nationalId) => (nationalId[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;

    private static IReadOnlyList<string>? ReadHonours(IReadOnlyList<string?>? requests, Campaign campaign, FieldErrorCollector errors)
    {
        var required = campaign.RequiredFields.Contains(RequirableField.Honours);
        if (requests is null || requests.Count == 0)
        {
            if (required) errors.Missing("honours");
            return [];
        }
        if (requests.Count > MaxHonours)
        {
            errors.Add("honours", "too_many", $"荣誉最多填写 {MaxHonours} 项。");
            return null;
        }
        var honours = new List<string>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (errors.Text(requests[i], $"honours[{i}]", MaxHonourLength, required: true) is { } honour)
                honours.Add(honour);
        }
        return honours.Count == requests.Count ? honours : null;
    }

    private static IReadOnlyList<MaterialRef>? ReadMaterials(IReadOnlyList<MaterialRefRequest?>? requests, Campaign campaign, FieldErrorCollector errors)
    {
        requests ??= [];
        if (requests.Count > MaxMaterials)
        {
            errors.Add("materials", "too_many", $"材料最多 {MaxMaterials} 份。");
            return null;
        }
        var materials = new List<MaterialRef>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (ReadMaterial(requests[i], $"materials[{i}]", errors) is { } material)
                materials.Add(material);
        }
        if (errors.Complete)
        {
            foreach (var required in campaign.RequiredMaterials.Where(required => materials.All(material => material.Kind != required.Kind)))
                errors.Add($"materials.{required.Kind}", MaterialRequired, $"缺少{required.Name}。");
        }
        return materials.Count == requests.Count ? materials : null;
    }

    private static MaterialRef? ReadMaterial(MaterialRefRequest? request, string field, FieldErrorCollector errors)
    {
        if (request is null)
        {
            errors.Add(field, "required", "请上传材料。");
            return null;
        }
        var kind = errors.Text(request.Kind, $"{field}.kind", 40, required: true);
        if (kind is not null && !kind.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add($"{field}.kind", "invalid_material_kind", "材料类型只能包含字母、数字、下划线或连字符。");
            kind = null;
        }
        var sha256 = request.Sha256?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(sha256))
        {
            errors.Add($"{field}.sha256", "required", "请先上传材料。");
            sha256 = null;
        }
        else if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            errors.Add($"{field}.sha256", "invalid_sha256", "材料标识应为 64 位十六进制 SHA-256。");
            sha256 = null;
        }
        var fileName = errors.Text(request.FileName, $"{field}.fileName", MaxFileNameLength, required: true);
        return kind is null || sha256 is null || fileName is null ? null : new MaterialRef(kind, sha256, fileName);
    }

    private static StaffVote? ReadStaffVote(StaffVoteRequest request, Campaign campaign, FieldErrorCollector errors)
    {
        var counted = true;
        if (request.BallotsCast is null)
            counted = errors.Missing("staffVote.ballotsCast");
        else if (request.BallotsCast < 1)
            counted = errors.Add("staffVote.ballotsCast", "out_of_range", "参加表决人数应大于 0。");
        if (request.VotesFor is null)
            counted = errors.Missing("staffVote.votesFor");
        else if (request.VotesFor < 0 || request.VotesFor > request.BallotsCast)
            counted = errors.Add("staffVote.votesFor", "out_of_range", "赞成票数应在 0 到参加表决人数之间。");
        var minutes = request.Minutes is null
            ? null
            : ReadMaterial(request.Minutes with { Kind = request.Minutes.Kind ?? Campaign.StaffVoteMinutesKind }, "staffVote.minutes", errors);
        if (request.Minutes is null) errors.Missing("staffVote.minutes");
        if (!counted) return null;
        var (votes, cast) = (request.VotesFor!.Value, request.BallotsCast!.Value);
        if (!StaffVote.MeetsThreshold(votes, cast, campaign.UnitLeaderVotePercent))
        {
            errors.Add("staffVote.votesFor", VoteBelowThreshold,
                $"单位负责人须经职工（代表）大会表决，赞成票不少于 {campaign.UnitLeaderVotePercent}%（现为 {votes} / {cast}）。");
            return null;
        }
        return minutes is null ? null : new StaffVote(votes, cast, minutes);
    }
}
