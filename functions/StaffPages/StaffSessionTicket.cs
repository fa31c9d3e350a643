namespace Gonghui.Functions.StaffPages;

/// <summary>
/// What a session cookie says once its signature holds: the API key it was signed in with (by id, never the secret),
/// a random session id (form tokens are bound to it) and when it expires.
/// </summary>
public sealed record StaffSessionTicket(string KeyId, string SessionId, DateTimeOffset ExpiresAt);
