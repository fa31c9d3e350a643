using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Http;

/// <summary>
/// Every request carries a correlation id: the caller's <c>x-correlation-id</c> when it is sane, else a new one.
/// It is echoed in the response header, put in every problem, and scoped on every log line of the request.
/// </summary>
public static class CorrelationId
{
    public const string HeaderName = "x-correlation-id";
    private const int MaxLength = 64;
    private static readonly object ItemKey = new();

    public static string Of(HttpContext httpContext) =>
        httpContext.Items.TryGetValue(ItemKey, out var id) && id is string value ? value : httpContext.TraceIdentifier;

    /// <summary>Takes the caller's id when sane, else a new one; echoes it in the response header.</summary>
    internal static string Assign(HttpContext httpContext)
    {
        var incoming = httpContext.Request.Headers[HeaderName].ToString();
        var id = IsSane(incoming) ? incoming : Guid.NewGuid().ToString("N");
        httpContext.Items[ItemKey] = id;
        httpContext.Response.Headers[HeaderName] = id;
        return id;
    }

    private static bool IsSane(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
