using System.Globalization;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Registry.Domain;

/// <summary>A search as query-string or form text, checked into a <see cref="RegistrySearchQuery"/> or every field error at once.</summary>
public static class RegistrySearchQueryParser
{
    public static ValidationResult<RegistrySearchQuery> Parse(
        string? name, string? nameMatch, string? region, string? award, string? year, string? status, string? pageSize, string? continuation,
        AwardCatalog catalog)
    {
        var errors = new List<FieldError>();
        var trimmedName = TextInput.Check("name", name, RegistryRecordValidator.MaxNameLength, required: false, errors);
        var match = NameMatch.Exact;
        switch (nameMatch?.Trim().ToLowerInvariant())
        {
            case null or "" or "exact":
                break;
            case "prefix":
                match = NameMatch.Prefix;
                break;
            default:
                errors.Add(new FieldError("nameMatch", RegistryErrorCodes.UnknownNameMatch));
                break;
        }
        var regionCode = string.IsNullOrWhiteSpace(region) ? null : region.Trim();
        if (regionCode is not null && !RegionCode.IsValid(regionCode)) errors.Add(new FieldError("region", RegistryErrorCodes.InvalidRegion));
        var kind = string.IsNullOrWhiteSpace(award) ? null : catalog.Find(award);
        if (!string.IsNullOrWhiteSpace(award) && kind is null) errors.Add(new FieldError("award", RegistryErrorCodes.UnknownAward));
        int? awardYear = null;
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (int.TryParse(year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= RegistryRecordValidator.FirstAwardYear and <= 9999)
                awardYear = parsed;
            else errors.Add(new FieldError("year", RegistryErrorCodes.YearOutOfRange));
        }
        RecordStatus? recordStatus = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (StatusRules.TryParseStatus(status, out var parsed)) recordStatus = parsed;
            else errors.Add(new FieldError("status", RegistryErrorCodes.UnknownStatus));
        }
        var size = RegistrySearchQuery.DefaultPageSize;
        if (!string.IsNullOrWhiteSpace(pageSize)
            && (!int.TryParse(pageSize.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > RegistrySearchQuery.MaxPageSize))
            errors.Add(new FieldError("pageSize", RegistryErrorCodes.InvalidPageSize));
        SearchPosition? after = null;
        if (!string.IsNullOrEmpty(continuation) && !SearchPosition.TryParse(continuation, out after))
            errors.Add(new FieldError("continuation", RegistryErrorCodes.InvalidContinuation));

        return errors.Count > 0
            ? ValidationResult<RegistrySearchQuery>.Invalid(errors)
            : ValidationResult<RegistrySearchQuery>.Valid(new RegistrySearchQuery
            {
                Name = trimmedName,
                NameMatch = match,
                Region = regionCode,
                Award = kind?.Code,
                Year = awardYear,
                Status = recordStatus,
                PageSize = size,
                After = after,
            });
    }
}
