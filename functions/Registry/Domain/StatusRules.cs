using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Registry.Domain;

/// <summary>
/// How a record's status may change. Every change needs a reason; revoked and deceased need the date they took
/// effect (not in the future). A deceased record stays so, except that an admin may correct a mistaken entry.
/// </summary>
public static class StatusRules
{
    public const int MaxReasonLength = 500;

    public static bool TryParseStatus(string? text, out RecordStatus status)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "active" or "在册" or "有效" or "正常":
                status = RecordStatus.Active;
                return true;
            case "revoked" or "撤销" or "已撤销":
                status = RecordStatus.Revoked;
                return true;
            case "deceased" or "已故" or "去世":
                status = RecordStatus.Deceased;
                return true;
            default:
                status = default;
                return false;
        }
    }

    /// <summary>The new standing, or the field errors; <paramref name="current"/> is null for a new record.</summary>
    public static ValidationResult<RecordStanding> Validate(StatusChangeInput input, RecordStanding? current, bool actorIsAdmin, DateOnly today)
    {
        var errors = new List<FieldError>();
        RecordStatus? status = null;
        if (string.IsNullOrWhiteSpace(input.Status)) errors.Add(new FieldError("status", RegistryErrorCodes.Required));
        else if (!TryParseStatus(input.Status, out var parsed)) errors.Add(new FieldError("status", RegistryErrorCodes.UnknownStatus));
        else if (current is not null && current.Status == parsed) errors.Add(new FieldError("status", RegistryErrorCodes.StatusUnchanged));
        else if (current?.Status == RecordStatus.Deceased && !actorIsAdmin) errors.Add(new FieldError("status", RegistryErrorCodes.StatusNotAllowed));
        else status = parsed;

        var reason = TextInput.Check("reason", input.Reason, MaxReasonLength, required: current is not null || status is not RecordStatus.Active, errors);
        DateOnly? effectiveOn = null;
        if (!string.IsNullOrWhiteSpace(input.EffectiveOn))
        {
            if (!DateInput.TryParse(input.EffectiveOn, out var date)) errors.Add(new FieldError("effectiveOn", RegistryErrorCodes.InvalidDate));
            else if (date > today) errors.Add(new FieldError("effectiveOn", RegistryErrorCodes.DateInFuture));
            else effectiveOn = date;
        }
        else if (status is RecordStatus.Revoked or RecordStatus.Deceased)
        {
            errors.Add(new FieldError("effectiveOn", RegistryErrorCodes.Required));
        }

        return errors.Count > 0
            ? ValidationResult<RecordStanding>.Invalid(errors)
            : ValidationResult<RecordStanding>.Valid(new RecordStanding(status!.Value, effectiveOn ?? (current is null ? null : today), reason));
    }
}
