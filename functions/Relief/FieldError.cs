namespace Gonghui.Functions.Relief;

/// <summary>
/// One problem with one input field. <see cref="Field"/> is the JSON path as the client sent it
/// ("applicant.nationalId", "documents[2].name"); <see cref="Code"/> is stable for clients to branch on;
/// <see cref="Message"/> is Simplified Chinese for people.
/// </summary>
public sealed record FieldError(string Field, string Code, string Message);
