using System.Text.Json;
using System.Text.RegularExpressions;
using Gonghui.Functions.Json;
using Gonghui.Functions.Validation;
using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Http;

/// <summary>
/// The one way functions read a JSON request body. Answers, each a problem with the field at fault:
/// 415 <c>unsupported_media_type</c> (field Content-Type) when the body is not sent as JSON, 413
/// <c>request_too_large</c> past the size limit (256 KiB unless the caller sets one), 400 <c>invalid_json</c> (field: the JSON path) for
/// malformed JSON or a value of the wrong type, 400 <c>validation_failed</c> with <c>required</c> for each field a
/// required property left out, 400 <c>body_required</c> for a JSON null.
/// Usage: <c>var body = await req.ReadJsonBodyAsync&lt;T&gt;(cancellationToken); if (!body.IsValid) return body.Problem;</c>
/// </summary>
public static partial class JsonBodyReader
{
    public const int DefaultMaxBytes = 256 * 1024;

    public static Task<JsonBody<T>> ReadJsonBodyAsync<T>(this HttpRequest request, CancellationToken cancellationToken = default)
        where T : class =>
        request.ReadJsonBodyAsync<T>(AppJson.Strict, null, DefaultMaxBytes, cancellationToken);

    /// <param name="options"><see cref="AppJson.Strict"/>, or <see cref="AppJson.Options"/> where the capability's own validation reports missing fields.</param>
    /// <param name="whenEmpty">What a request without a body and content type reads as; without it such a request is a 415.</param>
    public static async Task<JsonBody<T>> ReadJsonBodyAsync<T>(this HttpRequest request, JsonSerializerOptions options, T? whenEmpty, int maxBytes,
        CancellationToken cancellationToken)
        where T : class
    {
        if (whenEmpty is not null && request.ContentLength is null or 0 && string.IsNullOrEmpty(request.ContentType))
            return JsonBody<T>.Valid(whenEmpty);
        if (!request.HasJsonContentType())
            return JsonBody<T>.Invalid(new Problem(415, "unsupported_media_type", "Unsupported media type.",
                $"Send the body as application/json; it was {(string.IsNullOrEmpty(request.ContentType) ? "not typed" : request.ContentType)}.",
                new Dictionary<string, string[]> { ["Content-Type"] = ["unsupported_media_type"] }));
        if (request.ContentLength > maxBytes)
            return JsonBody<T>.Invalid(TooLarge(maxBytes));

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
                return JsonBody<T>.Invalid(TooLarge(maxBytes));
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
        }
        catch (JsonException ex)
        {
            return JsonBody<T>.Invalid(InvalidJson(ex));
        }
        return value is null
            ? JsonBody<T>.Invalid(Problems.BadRequest("body_required", "The body must be a JSON object, not null."))
            : JsonBody<T>.Valid(value);
    }

    private static Problem TooLarge(int maxBytes) =>
        new(413, "request_too_large", "Request too large.", $"The body is larger than the {maxBytes / 1024} KiB this request accepts.",
            new Dictionary<string, string[]> { ["$"] = ["request_too_large"] });

    private static Problem InvalidJson(JsonException ex)
    {
        var path = string.IsNullOrEmpty(ex.Path) ? "" : ex.Path.TrimStart('$', '.');
        if (MissingFields(ex) is { Count: > 0 } missing)
            return Problems.Invalid(missing.Select(name => new FieldError(path.Length == 0 ? name : $"{path}.{name}", "required")));
        var field = path.Length == 0 ? "$" : path;
        var where = ex.LineNumber is { } line ? $"line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}, at {field}" : $"at {field}";
        return new Problem(400, "invalid_json", "The request body is not valid JSON.", $"Malformed JSON, or a value of the wrong type ({where}).",
            new Dictionary<string, string[]> { [field] = ["invalid_json"] });
    }

    /// <summary>
    /// The fields a body left out that its type requires: the serializer says so only in its message (it names .NET
    /// types, so the message itself is not passed on), as "... missing required properties including: 'a', 'b'."
    /// </summary>
    private static List<string> MissingFields(JsonException ex)
    {
        const string marker = "missing required properties including:";
        var at = ex.Message.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? [] : [.. QuotedName().Matches(ex.Message[(at + marker.Length)..]).Select(m => m.Groups["name"].Value)];
    }

    [GeneratedRegex("'(?<name>[^']+)'")]
    private static partial Regex QuotedName();
}
