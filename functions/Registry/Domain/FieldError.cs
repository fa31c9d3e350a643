namespace Gonghui.Functions.Registry.Domain;

/// <summary>
/// One problem with one input: <see cref="Field"/> is the path as the client sent it ("awards[1].year") and
/// <see cref="Code"/> one of <see cref="RegistryErrorCodes"/>, stable for clients to branch on.
/// </summary>
public sealed record FieldError(string Field, string Code);
