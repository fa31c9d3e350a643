using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Http;

/// <summary>
/// Reads a JSON request body into a type and validates it (data annotations and <see cref="IValidatableObject"/>).
/// Usage: <c>var body = await req.ReadJsonBodyAsync&lt;T&gt;(); if (!body.IsValid) return body.Problem;</c>
/// </summary>
public static class JsonBodyReader
{
    public static async Task<JsonBody<T>> ReadJsonBodyAsync<T>(this HttpRequest request, CancellationToken cancellationToken = default)
        where T : class
    {
        if (!request.HasJsonContentType())
            return JsonBody<T>.Invalid(Problems.UnsupportedMediaType(
                $"Send the body as application/json; it was {(string.IsNullOrEmpty(request.ContentType) ? "not typed" : request.ContentType)}."));
        T? value;
        try
        {
            value = await JsonSerializer.DeserializeAsync<T>(request.Body, FunctionJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            return JsonBody<T>.Invalid(InvalidJson(ex));
        }
        if (value is null)
            return JsonBody<T>.Invalid(Problems.BadRequest("body-required", "The body must be a JSON object, not null."));
        var errors = Validate(value);
        return errors.Count == 0 ? JsonBody<T>.Valid(value) : JsonBody<T>.Invalid(Problems.Validation(errors));
    }

    private static Problem InvalidJson(JsonException ex)
    {
        var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
        var where = ex.LineNumber is { } line
            ? $"line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}, path {path}"
            : $"path {path}";
        var detail = $"The body is not valid JSON for this request at {where}.";
        return new Problem(400, "invalid-json", "The request body is not valid JSON.", detail,
            new Dictionary<string, string[]> { [path] = [Reason(ex)] });
    }

    // The serializer's messages name .NET types; keep only what a client can act on.
    private static string Reason(JsonException ex)
    {
        const string missing = "missing required properties including:";
        var at = ex.Message.IndexOf(missing, StringComparison.Ordinal);
        return at >= 0
            ? "Required fields are missing: " + ex.Message[(at + missing.Length)..].Trim().TrimEnd('.')
            : "Malformed JSON, or a value of the wrong type, is here.";
    }

    private static Dictionary<string, string[]> Validate(object value)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Field: JsonName(m), Message: r.ErrorMessage ?? "Invalid.")))
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
    }

    private static string JsonName(string member) =>
        member.Length == 0 ? "$" : JsonNamingPolicy.CamelCase.ConvertName(member);
}
