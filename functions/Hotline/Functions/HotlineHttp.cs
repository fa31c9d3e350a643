using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Http;
using Gonghui.Functions.Json;
using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Hotline.Functions;

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

    public static Problem Rejection(TicketRejection rejection) => rejection.Kind switch
    {
        RejectionKind.InvalidInput => Problems.Invalid(rejection.Field ?? "$", rejection.Code, rejection.Message),
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

        return Results.Json(value, AppJson.Options, statusCode: status);
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
            : (null, Problems.Invalid("If-Match", "invalid", "If-Match must be the ETag of a ticket, e.g. \"v3\"."));
    }

    public static bool IsTicketId(string? id) => id is { Length: 32 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    public static Problem TicketNotFound(string? id) => Problems.NotFound($"There is no ticket {id}.", "ticket.not_found");
}
