using System.Globalization;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Registry.Domain;

/// <summary>
/// Turns a <see cref="RegistryRecordInput"/> into <see cref="PersonDetails"/> or every field error at once. Gender and
/// birth date may be left out (the national ID carries both); when given, they must agree with it.
/// </summary>
public static class RegistryRecordValidator
{
    public const int MaxNameLength = 50;
    public const int MaxOrganisationLength = 100;
    public const int MaxJobTitleLength = 50;
    public const int MaxAwards = 20;

    /// <summary>The first national honours of the People's Republic were conferred in 1950.</summary>
    public const int FirstAwardYear = 1950;

    public static ValidationResult<PersonDetails> Validate(RegistryRecordInput input, AwardCatalog catalog, DateOnly today)
    {
        var errors = new List<FieldError>();
        var name = TextInput.Check("name", input.Name, MaxNameLength, required: true, errors);
        var id = NationalId.Validate(input.NationalId, today);
        if (!id.IsValid) errors.Add(new FieldError("nationalId", RegistryErrorCodes.NationalId(id)));
        var gender = CheckGender(input.Gender, id, errors);
        var birthDate = CheckBirthDate(input.BirthDate, id, errors);
        var awards = CheckAwards(input.Awards, catalog, today, errors);
        var employer = TextInput.Check("currentEmployer", input.CurrentEmployer, MaxOrganisationLength, required: true, errors);
        var jobTitle = TextInput.Check("jobTitle", input.JobTitle, MaxJobTitleLength, required: false, errors);
        var region = input.Region?.Trim();
        if (string.IsNullOrEmpty(region)) errors.Add(new FieldError("region", RegistryErrorCodes.Required));
        else if (!RegionCode.IsValid(region)) errors.Add(new FieldError("region", RegistryErrorCodes.InvalidRegion));
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            if (PhoneNumber.TryParse(input.Phone, out var parsed)) phone = parsed.Normalized;
            else errors.Add(new FieldError("phone", RegistryErrorCodes.InvalidPhone));
        }

        if (errors.Count > 0) return ValidationResult<PersonDetails>.Invalid(errors);
        return ValidationResult<PersonDetails>.Valid(new PersonDetails
        {
            Name = name!,
            Gender = gender!.Value,
            BirthDate = birthDate!.Value,
            NationalId = id.CanonicalId!,
            Awards = awards,
            CurrentEmployer = employer!,
            JobTitle = jobTitle,
            Region = region!,
            Phone = phone,
        });
    }

    /// <summary>Odd 17th digit: male; even: female (GB 11643).</summary>
    public static Gender GenderOf(string canonicalNationalId) =>
        (canonicalNationalId[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;

    public static bool TryParseGender(string? text, out Gender gender)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "male" or "男":
                gender = Gender.Male;
                return true;
            case "female" or "女":
                gender = Gender.Female;
                return true;
            default:
                gender = default;
                return false;
        }
    }

    private static Gender? CheckGender(string? text, NationalIdCheck id, List<FieldError> errors)
    {
        Gender? fromId = id.IsValid ? GenderOf(id.CanonicalId!) : null;
        if (string.IsNullOrWhiteSpace(text)) return fromId;
        if (!TryParseGender(text, out var gender))
        {
            errors.Add(new FieldError("gender", RegistryErrorCodes.UnknownGender));
            return null;
        }
        if (fromId is { } expected && expected != gender)
        {
            errors.Add(new FieldError("gender", RegistryErrorCodes.GenderMismatch));
            return null;
        }
        return gender;
    }

    private static DateOnly? CheckBirthDate(string? text, NationalIdCheck id, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return id.BirthDate;
        if (!DateInput.TryParse(text, out var date))
        {
            errors.Add(new FieldError("birthDate", RegistryErrorCodes.InvalidDate));
            return null;
        }
        if (id.BirthDate is { } expected && expected != date)
        {
            errors.Add(new FieldError("birthDate", RegistryErrorCodes.BirthDateMismatch));
            return null;
        }
        return date;
    }

    private static List<Award> CheckAwards(IReadOnlyList<AwardInput?>? inputs, AwardCatalog catalog, DateOnly today, List<FieldError> errors)
    {
        var awards = new List<Award>();
        if (inputs is null || inputs.Count == 0)
        {
            errors.Add(new FieldError("awards", RegistryErrorCodes.Required));
            return awards;
        }
        if (inputs.Count > MaxAwards)
        {
            errors.Add(new FieldError("awards", RegistryErrorCodes.TooManyAwards));
            return awards;
        }
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"awards[{i}]";
            var input = inputs[i] ?? new AwardInput();
            var kind = catalog.Find(input.Kind);
            if (string.IsNullOrWhiteSpace(input.Kind)) errors.Add(new FieldError(field + ".kind", RegistryErrorCodes.Required));
            else if (kind is null) errors.Add(new FieldError(field + ".kind", RegistryErrorCodes.UnknownAward));
            else if (awards.Any(a => a.Kind == kind.Code)) errors.Add(new FieldError(field + ".kind", RegistryErrorCodes.DuplicateAward));
            int? year = null;
            if (string.IsNullOrWhiteSpace(input.Year)) errors.Add(new FieldError(field + ".year", RegistryErrorCodes.Required));
            else if (!int.TryParse(input.Year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                     || parsed < FirstAwardYear || parsed > today.Year)
                errors.Add(new FieldError(field + ".year", RegistryErrorCodes.YearOutOfRange));
            else year = parsed;
            var body = TextInput.Check(field + ".awardingBody", input.AwardingBody, MaxOrganisationLength, required: true, errors);
            var employer = TextInput.Check(field + ".employerAtAward", input.EmployerAtAward, MaxOrganisationLength, required: true, errors);
            if (kind is not null && year is not null && body is not null && employer is not null && awards.All(a => a.Kind != kind.Code))
                awards.Add(new Award(kind.Code, year.Value, body, employer));
        }
        return awards;
    }
}
