using System.Text.Json;
using Gonghui.Functions.Http;
using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Hotline;

/// <summary>What the hotline's HTTP functions share: reading bodies, answering problems, the caller as an actor.</summary>
internal static class HotlineHttp
{
    /// <summary>Hotline bodies are small (a description is at most 4,000 characters); anything larger is refused unread.</summary>
    public const int MaxBodyBytes = 32 * 1024;

    public static Actor ActorOf(HttpRequest req)
    {
        var caller = req.HttpContext.GetApiCaller() ?? throw new InvalidOperationException("Hotline functions are never anonymous.");
        return new Actor(caller.Name, RolesOf(caller.Role), caller.Unit);
    }

    private static HotlineRole RolesOf(ApiRoles roles) =>
        (roles.HasFlag(ApiRoles.Operator) ? HotlineRole.Operator : HotlineRole.None)
        | (roles.HasFlag(ApiRoles.Handler) ? HotlineRole.Handler : HotlineRole.None)
        | (roles.HasFlag(ApiRoles.Supervisor) ? HotlineRole.Supervisor : HotlineRole.None)
        | (roles.HasFlag(ApiRoles.Admin) ? HotlineRole.Admin : HotlineRole.None);

    /// <summary>
    /// Reads a JSON body: 400 "content_type.not_json" (field Content-Type) when not sent as JSON, 400 "body.too_large" over <see cref="MaxBodyBytes"/>, 400 "invalid-json"
    /// for malformed JSON or a value of the wrong type (with <paramref name="strict"/>, also a missing or null required
    /// field). An absent body reads as <paramref name="whenEmpty"/> if given.
    /// </summary>
    public static async Task<(T? Value, Problem? Problem)> ReadBodyAsync<T>(HttpRequest req, CancellationToken cancellationToken, T? whenEmpty = null,
        bool strict = false)
        where T : class
    {
        if (whenEmpty is not null && req.ContentLength is null or 0 && string.IsNullOrEmpty(req.ContentType))
        {
            return (whenEmpty, null);
        }

        if (!req.HasJsonContentType())
        {
            return (null, FieldError("Content-Type", "content_type.not_json"));
        }

        if (req.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await req.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return (null, TooLarge());
            }
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), strict ? HotlineJson.Strict : HotlineJson.Options);
            return value is null
                ? (null, Problems.BadRequest("body.required", "The body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path.TrimStart('$', '.');
            return (null, new Problem(400, "invalid-json", "The request body is not valid JSON.",
                "Malformed JSON, or a value of the wrong type, at " + (string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path) + ".",
                new Dictionary<string, string[]> { [field.Length == 0 ? "$" : field] = [field.Length == 0 ? "body.invalid" : field + ".invalid"] }));
        }
    }

    public static Problem FieldErrors(IEnumerable<FieldError> errors) =>
        Problems.Validation(errors.GroupBy(error => error.Field).ToDictionary(group => group.Key, group => group.Select(error => error.Code).ToArray()));

    public static Problem FieldError(string field, string code) => FieldErrors([new FieldError(field, code)]);

    public static Problem Rejection(TicketRejection rejection) => rejection.Kind switch
    {
        RejectionKind.InvalidInput => new Problem(400, "validation-failed", "The request is not valid.", rejection.Message,
            new Dictionary<string, string[]> { [rejection.Field ?? "$"] = [rejection.Code] }),
        RejectionKind.Forbidden => Problems.Forbidden(rejection.Code, rejection.Message),
        _ => Problems.Conflict(rejection.Code, rejection.Message),
    };

    public static IResult Json(HttpRequest req, int status, object value, int? version = null, string? location = null)
    {
        if (version is { } v)
        {
            req.HttpContext.Response.Headers.ETag = ETag(v);
        }

        if (location is not null)
        {
            req.HttpContext.Response.Headers.Location = location;
        }

        return Results.Json(value, HotlineJson.Options, statusCode: status);
    }

    public static string ETag(int version) => $"\"v{version}\"";

    /// <summary>If-Match: absent (null), or one ticket ETag ("v3", weak or strong); anything else is a 400.</summary>
    public static (int? Version, Problem? Problem) IfMatch(HttpRequest req)
    {
        var header = req.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return (null, null);
        }

        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return tag.Length > 3 && tag[0] == '"' && tag[^1] == '"' && tag[1] == 'v'
               && int.TryParse(tag[2..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? (version, null)
            : (null, Problems.BadRequest("if_match.invalid", "If-Match must be the ETag of a ticket, e.g. \"v3\"."));
    }

    public static bool IsTicketId(string? id) => id is { Length: 32 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    public static Problem TicketNotFound(string? id) => Problems.NotFound($"There is no ticket {id}.", "ticket.not_found");

    private static Problem TooLarge() => Problems.BadRequest("body.too_large", $"The body is larger than {MaxBodyBytes / 1024} KiB.");
}
