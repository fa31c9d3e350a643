using System.Text.RegularExpressions;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// Validates an intake body. Every problem is reported (not just the first), keyed by the JSON field
/// name with a stable code; nothing throws for bad input.
/// </summary>
public sealed partial class IntakeValidator(RegionTable regions)
{
    public const int MaxCallerNameLength = 50;
    public const int MaxSubjectLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxEmployerLength = 200;

    public IntakeValidationResult Validate(TicketIntakeRequest request)
    {
        var errors = new List<FieldError>();
        var callerName = TextField.Check("callerName", request.CallerName, MaxCallerNameLength, required: true, multiLine: false, errors);
        var phone = CheckPhone(request.Phone, errors);
        var category = CheckEnum<TicketCategory>("category", request.Category, required: true, errors);
        var regionCode = CheckRegion(request.RegionCode, errors);
        var subject = TextField.Check("subject", request.Subject, MaxSubjectLength, required: true, multiLine: false, errors);
        var description = TextField.Check("description", request.Description, MaxDescriptionLength, required: true, multiLine: true, errors);
        var channel = CheckEnum<TicketChannel>("channel", request.Channel, required: true, errors);
        var urgency = CheckEnum<TicketUrgency>("urgency", request.Urgency, required: false, errors) ?? TicketUrgency.Normal;
        var memberId = CheckMemberId(request.MemberId, errors);
        var employer = TextField.Check("employer", request.Employer, MaxEmployerLength, required: false, multiLine: false, errors);
        if (request.CallbackConsent is null)
        {
            errors.Add(new FieldError("callbackConsent", "required"));
        }

        if (errors.Count > 0)
        {
            return new IntakeValidationResult(null, errors);
        }

        return new IntakeValidationResult(
            new TicketIntake(
                callerName!, phone!.Value, category!.Value, regionCode!, subject!, description!, channel!.Value, urgency,
                memberId, employer, request.CallbackConsent!.Value),
            []);
    }

    private static PhoneNumber? CheckPhone(string? value, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError("phone", "required"));
            return null;
        }

        if (!PhoneNumber.TryParse(value, out var phone))
        {
            errors.Add(new FieldError("phone", "invalid"));
            return null;
        }

        return phone;
    }

    private static TEnum? CheckEnum<TEnum>(string field, string? value, bool required, List<FieldError> errors)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                errors.Add(new FieldError(field, "required"));
            }

            return null;
        }

        if (!WireNames<TEnum>.TryParse(value, out var parsed))
        {
            errors.Add(new FieldError(field, "unknown"));
            return null;
        }

        return parsed;
    }

    private string? CheckRegion(string? value, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new FieldError("regionCode", "required"));
            return null;
        }

        if (regions.Find(value) is null)
        {
            errors.Add(new FieldError("regionCode", "unknown"));
            return null;
        }

        return value;
    }

    private static string? CheckMemberId(string? value, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!MemberIdPattern().IsMatch(value))
        {
            errors.Add(new FieldError("memberId", "invalid"));
            return null;
        }

        return value;
    }

    // Member card numbers differ by province; accept the plain alphanumeric forms they share.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")]
    private static partial Regex MemberIdPattern();
}
