namespace Gonghui.Functions.Http;

/// <summary>The problems functions return. Codes are stable, lowercase and hyphenated; clients switch on them.</summary>
public static class Problems
{
    /// <summary>400 with field errors (field name or JSON path → messages).</summary>
    public static Problem Validation(IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        new(400, "validation-failed", "The request is not valid.", detail ?? "See errors for each field.", errors);

    public static Problem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static Problem BadRequest(string code, string detail) => new(400, code, "The request is not valid.", detail);

    public static Problem NotFound(string detail, string code = "not-found") => new(404, code, "Not found.", detail);

    /// <summary>409: the request conflicts with the current state (e.g. code "already-decided").</summary>
    public static Problem Conflict(string code, string detail) => new(409, code, "Conflict.", detail);

    /// <summary>412: an If-Match ETag or similar precondition no longer holds.</summary>
    public static Problem PreconditionFailed(string detail, string code = "precondition-failed") =>
        new(412, code, "Precondition failed.", detail);

    public static Problem Unauthorized(string code, string detail) => new(401, code, "Unauthorized.", detail);

    public static Problem Forbidden(string code, string detail) => new(403, code, "Forbidden.", detail);

    /// <summary>403 for a caller whose key is limited to another unit or region than the record's (see ApiCaller).</summary>
    public static Problem OutOfScope(string detail) => Forbidden("scope-not-allowed", detail);

    public static Problem UnsupportedMediaType(string detail) =>
        new(415, "unsupported-media-type", "Unsupported media type.", detail);

    /// <summary>The response for a bare status code the framework produced (404 no route, 405, 413, ...).</summary>
    public static Problem ForStatus(int status) => status switch
    {
        400 => new(400, "bad-request", "The request is not valid."),
        404 => new(404, "not-found", "Not found.", "No function answers this path."),
        405 => new(405, "method-not-allowed", "Method not allowed.", "This path does not accept this method."),
        413 => new(413, "request-too-large", "Request too large.", "The request body is larger than this app accepts."),
        415 => new(415, "unsupported-media-type", "Unsupported media type."),
        _ when status >= 500 => Internal(),
        _ => new(status, "http-" + status, "Request failed."),
    };

    /// <summary>500 with no internals: the correlation id finds the logged exception.</summary>
    public static Problem Internal() =>
        new(500, "internal-error", "Internal error.", "Something went wrong on our side; quote the correlation id when reporting it.");
}
