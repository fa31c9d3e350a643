using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.StaffPages;

/// <summary>
/// The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's link or form sends it), Secure
/// over https, for the whole app's path; it expires with the session.
/// </summary>
public static class StaffSessionCookie
{
    public const string Name = "gonghui_staff";

    public static string? Read(HttpRequest request) => request.Cookies[Name] is { Length: > 0 } value ? value : null;

    public static void Write(HttpResponse response, string value, DateTimeOffset expiresAt, bool secure) =>
        response.Cookies.Append(Name, value, Options(secure, expiresAt));

    public static void Delete(HttpResponse response, bool secure) => response.Cookies.Delete(Name, Options(secure, null));

    private static CookieOptions Options(bool secure, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = secure,
        Path = "/",
        Expires = expiresAt,
        IsEssential = true,
    };
}
