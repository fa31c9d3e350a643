namespace Gonghui.Functions.Hotline.Domain;

/// <summary>How the HTTP layer answers a rejection: 400, 403 or 409.</summary>
public enum RejectionKind
{
    InvalidInput,
    Forbidden,
    Conflict,
}
