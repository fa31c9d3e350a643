using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Http;

/// <summary>The problems functions return. Codes are stable lower snake_case, prefixed with the capability where it owns them (<c>ticket.not_found</c>); clients switch on them.</summary>
public static class Problems
{
    /// <summary>
    /// 400 <c>validation_failed</c> with every field error at once: <c>errors</c> maps each field (its path as sent) to
    /// its codes; the messages people read, where the errors have them, make up the detail.
    /// </summary>
    public static Problem Invalid(IEnumerable<FieldError> errors)
    {
        var list = errors.ToList();
        var messages = list.Select(e => e.Message).OfType<string>().Distinct().ToList();
        return WithFields(400, "validation_failed", "The request is not valid.",
            messages.Count > 0 ? string.Join("；", messages) : "See errors for each field.", list);
    }

    /// <summary>A problem of any status that names the fields at fault (409 <c>duplicate_nominee</c> on <c>nominee.nationalId</c>).</summary>
    public static Problem WithFields(int status, string code, string title, string detail, IEnumerable<FieldError> errors) =>
        new(status, code, title, detail, errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Code).Distinct().ToArray()));

    public static Problem Invalid(string field, string code, string? message = null) => Invalid([new FieldError(field, code, message)]);

    public static Problem BadRequest(string code, string detail) => new(400, code, "The request is not valid.", detail);

    public static Problem NotFound(string detail, string code = "not_found") => new(404, code, "Not found.", detail);

    /// <summary>409: the request conflicts with the current state (e.g. code "relief.already_decided").</summary>
    public static Problem Conflict(string code, string detail) => new(409, code, "Conflict.", detail);

    /// <summary>412: an If-Match ETag or similar precondition no longer holds.</summary>
    public static Problem PreconditionFailed(string detail, string code = "precondition_failed") =>
        new(412, code, "Precondition failed.", detail);

    /// <summary>428: a change that must name the version it replaces (If-Match) came without it.</summary>
    public static Problem PreconditionRequired(string code, string detail) => new(428, code, "Precondition required.", detail);

    public static Problem Unauthorized(string code, string detail) => new(401, code, "Unauthorized.", detail);

    public static Problem Forbidden(string code, string detail) => new(403, code, "Forbidden.", detail);

    /// <summary>403 for a caller whose key is limited to another unit or region than the record's (see ApiCaller).</summary>
    public static Problem OutOfScope(string detail) => Forbidden("scope_not_allowed", detail);

    public static Problem UnsupportedMediaType(string detail) =>
        new(415, "unsupported_media_type", "Unsupported media type.", detail);

    /// <summary>The response for a bare status code the framework produced (404 no route, 405, 413, ...).</summary>
    public static Problem ForStatus(int status) => status switch
    {
        400 => new(400, "bad_request", "The request is not valid."),
        404 => new(404, "not_found", "Not found.", "No function answers this path."),
        405 => new(405, "method_not_allowed", "Method not allowed.", "This path does not accept this method."),
        413 => new(413, "request_too_large", "Request too large.", "The request body is larger than this app accepts."),
        415 => new(415, "unsupported_media_type", "Unsupported media type."),
        _ when status >= 500 => Internal(),
        _ => new(status, "http_" + status, "Request failed."),
    };

    /// <summary>500 with no internals: the correlation id finds the logged exception.</summary>
    public static Problem Internal() =>
        new(500, "internal_error", "Internal error.", "Something went wrong on our side; quote the correlation id when reporting it.");
}
