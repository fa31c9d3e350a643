namespace Gonghui.Functions.Registry.Domain;

/// <summary>Every code the registry answers with, in the dotted style "registry.what".</summary>
public static class RegistryErrorCodes
{
    // Field validation.
    public const string Required = "registry.required";
    public const string TooLong = "registry.too_long";
    public const string InvalidCharacters = "registry.invalid_characters";
    public const string InvalidDate = "registry.invalid_date";
    public const string YearOutOfRange = "registry.year_out_of_range";
    public const string UnknownGender = "registry.unknown_gender";
    public const string UnknownAward = "registry.unknown_award";
    public const string UnknownStatus = "registry.unknown_status";
    public const string InvalidRegion = "registry.invalid_region";
    public const string InvalidPhone = "registry.invalid_phone";
    public const string BirthDateMismatch = "registry.birth_date_mismatch";
    public const string GenderMismatch = "registry.gender_mismatch";
    public const string DuplicateAward = "registry.duplicate_award";
    public const string TooManyAwards = "registry.too_many_awards";
    public const string DateInFuture = "registry.date_in_future";
    public const string UnknownNameMatch = "registry.unknown_name_match";
    public const string InvalidPageSize = "registry.invalid_page_size";
    public const string InvalidContinuation = "registry.invalid_continuation";

    /// <summary>A national ID problem: "registry." and <see cref="Privacy.NationalIdCheck.ErrorCode"/>'s code, e.g. registry.national_id_check_digit.</summary>
    public static string NationalId(Privacy.NationalIdCheck check) =>
        check.ErrorCode == "required" ? Required : "registry." + check.ErrorCode;

    // Operations.
    public const string NotFound = "registry.not_found";
    public const string OutOfScope = "registry.out_of_scope";
    public const string RoleNotAllowed = "registry.role_not_allowed";
    public const string Changed = "registry.changed";
    public const string AlreadyRegistered = "registry.already_registered";
    public const string NationalIdChanged = "registry.national_id_changed";
    public const string StatusUnchanged = "registry.status_unchanged";
    public const string StatusNotAllowed = "registry.status_not_allowed";

    // Import.
    public const string ImportEmpty = "registry.import_empty";
    public const string ImportTooManyRows = "registry.import_too_many_rows";
    public const string ImportTooLarge = "registry.import_too_large";
    public const string ImportColumnMissing = "registry.import_column_missing";
    public const string ImportMalformed = "registry.import_malformed";
    public const string ImportDuplicateRow = "registry.import_duplicate_row";
    public const string ImportPersonConflict = "registry.import_person_conflict";
}
