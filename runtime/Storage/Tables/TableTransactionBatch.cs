using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Gonghui.Storage.Pipeline;

namespace Gonghui.Storage.Tables;

/// <summary>
/// Writes an entity-group transaction as the multipart/mixed body of a $batch request and reads the
/// multipart response back into one result per operation, or the failure with the index at fault.
/// </summary>
internal static partial class TableTransactionBatch
{
    public const int MaxOperations = 100;

    public static (string ContentType, byte[] Body) Build(Uri tableUri, IReadOnlyList<TableTransactionAction> actions)
    {
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("N");
        var body = new StringBuilder();
        body.Append("--").Append(batchBoundary).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");

        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var (method, uri, ifMatch, hasBody) = Describe(tableUri, action);
            body.Append("--").Append(changesetBoundary).Append("\r\n")
                .Append("Content-Type: application/http\r\n")
                .Append("Content-Transfer-Encoding: binary\r\n\r\n")
                .Append(method).Append(' ').Append(uri).Append(" HTTP/1.1\r\n")
                .Append("Accept: application/json;odata=minimalmetadata\r\n")
                .Append("Content-ID: ").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\r\n")
                .Append("DataServiceVersion: 3.0\r\n");
            if (ifMatch is not null)
                body.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            if (hasBody)
            {
                body.Append("Content-Type: application/json\r\n")
                    .Append("Prefer: return-no-content\r\n\r\n")
                    .Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(action.Entity)))
                    .Append("\r\n");
            }
            else
            {
                body.Append("\r\n");
            }
        }

        body.Append("--").Append(changesetBoundary).Append("--\r\n")
            .Append("--").Append(batchBoundary).Append("--\r\n");
        return ("multipart/mixed; boundary=" + batchBoundary, Encoding.UTF8.GetBytes(body.ToString()));
    }

    private static (string Method, string Uri, string? IfMatch, bool HasBody) Describe(Uri tableUri, TableTransactionAction action)
    {
        var entityUri = tableUri + TableClient.EntityKeyPath(action.Entity.PartitionKey, action.Entity.RowKey);
        var etag = action.ETag == default ? "*" : action.ETag.ToString();
        return action.ActionType switch
        {
            TableTransactionActionType.Add => ("POST", tableUri.ToString(), null, true),
            TableTransactionActionType.UpdateMerge => ("MERGE", entityUri, etag, true),
            TableTransactionActionType.UpdateReplace => ("PUT", entityUri, etag, true),
            TableTransactionActionType.UpsertMerge => ("MERGE", entityUri, null, true),
            TableTransactionActionType.UpsertReplace => ("PUT", entityUri, null, true),
            TableTransactionActionType.Delete => ("DELETE", entityUri, etag, false),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Unknown transaction action."),
        };
    }

    public static IReadOnlyList<TableTransactionResult> ReadResponse(string body, int operationCount)
    {
        var parts = ReadParts(body);
        var failure = parts.FirstOrDefault(p => p.Status >= 400);
        if (failure is not null)
        {
            string? code = null, message = null;
            if (failure.Body.TrimStart().StartsWith('{'))
                (code, message) = StorageErrors.ReadJsonError(failure.Body);
            code ??= failure.Headers.GetValueOrDefault("x-ms-error-code");
            int? index = null;
            var match = message is null ? Match.Empty : FailedIndexPattern().Match(message);
            if (match.Success)
                index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            else if (failure.Headers.TryGetValue("Content-ID", out var contentId) && int.TryParse(contentId, out var id))
                index = id;
            throw new TableTransactionFailedException(failure.Status,
                $"Transaction failed at operation {index?.ToString(CultureInfo.InvariantCulture) ?? "?"}: {failure.Status} {code}. {message?.Split('\n')[0]}",
                code, index);
        }
        if (parts.Count != operationCount)
            throw new RequestFailedException(0, $"Transaction response has {parts.Count} parts for {operationCount} operations.");
        return parts.Select(p => new TableTransactionResult(p.Status,
            p.Headers.TryGetValue("ETag", out var etag) ? new ETag(etag) : default)).ToList();
    }

    private sealed record Part(int Status, Dictionary<string, string> Headers, string Body);

    private static List<Part> ReadParts(string body)
    {
        var parts = new List<Part>();
        var lines = body.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
                continue;
            var status = int.Parse(lines[i].AsSpan(9, 3), CultureInfo.InvariantCulture);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (i++; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':');
                if (colon > 0)
                    headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
            }
            var content = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
                content.Append(lines[i]).Append('\n');
            i--;
            parts.Add(new Part(status, headers, content.ToString()));
        }
        return parts;
    }

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex FailedIndexPattern();
}
