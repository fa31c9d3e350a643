namespace Gonghui.Functions.Validation;

/// <summary>
/// One problem with one input field, in every capability. <see cref="Field"/> is the path as the client sent it
/// ("applicant.nationalId", "awards[1].year"); <see cref="Code"/> is stable lower snake_case for clients to branch on
/// (listed in each capability's README); <see cref="Message"/>, where there is one, is Simplified Chinese for people.
/// </summary>
public sealed record FieldError(string Field, string Code, string? Message = null);
