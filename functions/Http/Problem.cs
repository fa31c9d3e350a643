using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Http;

/// <summary>
/// An <c>application/problem+json</c> response (RFC 9457) with a stable machine-readable <see cref="Code"/>,
/// optional field <see cref="Errors"/> (JSON path or field name → messages) and the request's correlation id.
/// Build one with <see cref="Problems"/>.
/// </summary>
public sealed class Problem(int status, string code, string title, string? detail = null,
    IReadOnlyDictionary<string, string[]>? errors = null) : IResult
{
    public const string ContentType = "application/problem+json";

    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

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
        if (Detail is not null)
            writer.WriteString("detail", Detail);
        writer.WriteString("instance", httpContext.Request.Path.Value);
        writer.WriteString("code", Code);
        writer.WriteString("correlationId", CorrelationId.Of(httpContext));
        if (Errors is { Count: > 0 })
        {
            writer.WriteStartObject("errors");
            foreach (var (field, messages) in Errors)
            {
                writer.WriteStartArray(field);
                foreach (var message in messages)
                    writer.WriteStringValue(message);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
