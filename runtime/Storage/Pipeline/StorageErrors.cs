using System.Text.Json;
using System.Xml.Linq;
using Azure;

namespace Gonghui.Storage.Pipeline;

/// <summary>Turns an error response into a <see cref="RequestFailedException"/> carrying status and storage error code.</summary>
internal static class StorageErrors
{
    public static RequestFailedException ToException(Response response, string operation)
    {
        var (code, message) = ReadError(response);
        return new RequestFailedException(response.Status,
            $"{operation} failed: {response.Status} {code ?? response.ReasonPhrase}. {message}".TrimEnd(), code, null);
    }

    /// <summary>Whether an error response carries this storage error code (header or body).</summary>
    public static bool HasErrorCode(Response response, string code) =>
        string.Equals(ReadError(response).Code, code, StringComparison.Ordinal);

    internal static (string? Code, string? Message) ReadError(Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var headerCode);
        var body = response.Content?.ToString() ?? "";
        string? bodyCode = null, message = null;
        try
        {
            if (body.TrimStart().StartsWith('{'))
                (bodyCode, message) = ReadJsonError(body);
            else if (body.TrimStart().StartsWith('<'))
            {
                var root = XDocument.Parse(body).Root;
                bodyCode = root?.Element("Code")?.Value;
                message = root?.Element("Message")?.Value;
            }
        }
        catch (Exception ex) when (ex is JsonException or System.Xml.XmlException)
        {
            message = body.Length > 500 ? body[..500] : body;
        }

        return (headerCode ?? bodyCode, FirstLine(message));
    }

    internal static (string? Code, string? Message) ReadJsonError(string body)
    {
        using var doc = JsonDocument.Parse(body);
        if (!doc.RootElement.TryGetProperty("odata.error", out var error))
            return (null, null);
        var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
        string? message = null;
        if (error.TryGetProperty("message", out var m))
            message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString();
        return (code, message);
    }

    private static string? FirstLine(string? message) =>
        message?.Split('\n', 2)[0].Trim();
}
