using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gonghui.LocalHost.Http;

/// <summary>
/// The local host's own <c>application/problem+json</c> answers (RFC 9457), for what it refuses before a function runs:
/// no route, wrong method, a missing function key, a body too large, an unhandled error. Functions answer for themselves.
/// </summary>
public sealed class Problem(int status, string code, string title, string? detail = null) : IResult
{
    public const string ContentType = "application/problem+json";

    public int Status { get; } = status;
    public string Code { get; } = code;

    public static Problem ForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => new(status, "unauthorized", "A function key is required.",
            "Send the function key in the x-functions-key header or the code query parameter."),
        StatusCodes.Status404NotFound => new(status, "not_found", "Not found.", "No function answers this path."),
        StatusCodes.Status405MethodNotAllowed => new(status, "method_not_allowed", "Method not allowed.", "The function at this path does not take this method."),
        StatusCodes.Status413PayloadTooLarge => new(status, "body-too-large", "Request body too large."),
        StatusCodes.Status500InternalServerError => new(status, "internal_error", "Internal error.", "The request failed; the host log says why."),
        _ => new(status, "http-" + status, "HTTP " + status),
    };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = ContentType;
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteString("type", "urn:gonghui:problem:" + Code);
        writer.WriteString("title", Title);
        writer.WriteNumber("status", Status);
        if (detail is not null)
            writer.WriteString("detail", detail);
        writer.WriteString("instance", httpContext.Request.Path.Value);
        writer.WriteString("code", Code);
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    private string Title => title;
}
