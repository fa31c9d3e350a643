using System.Text;
using System.Text.Json;
using Azure;
using Gonghui.Storage.Tables;

namespace Gonghui.Storage.Tests;

public sealed class TableTransactionBatchTests
{
    private static readonly Uri TableUri = new("http://127.0.0.1:10002/devstoreaccount1/events");

    [Fact]
    public void The_body_is_one_changeset_with_a_numbered_http_request_per_action()
    {
        var etag = new ETag("W/\"datetime'2026-11-21T08%3A00%3A00Z'\"");
        var (contentType, body) = TableTransactionBatch.Build(TableUri,
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "a") { ["V"] = 1 }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "O'Brien") { ["V"] = 2 }, etag),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "c")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "d")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "e")),
            new(TableTransactionActionType.Delete, new TableEntity("p", "张三")),
        ]);

        Assert.StartsWith("multipart/mixed; boundary=batch_", contentType);
        var batch = contentType["multipart/mixed; boundary=".Length..];
        var text = Encoding.UTF8.GetString(body);
        var changeset = text.Split("\r\n")[1]["Content-Type: multipart/mixed; boundary=".Length..];
        Assert.StartsWith("changeset_", changeset);
        Assert.StartsWith($"--{batch}\r\nContent-Type: multipart/mixed; boundary={changeset}\r\n\r\n", text);
        Assert.EndsWith($"--{changeset}--\r\n--{batch}--\r\n", text);

        var parts = text.Split($"--{changeset}\r\n").Skip(1).ToArray();
        Assert.Equal(6, parts.Length);
        string RequestLine(int i) => parts[i].Split("\r\n")[3];
        // The inner request: its request line and headers, after the part's own two headers.
        string? Header(int i, string name) =>
            parts[i].Split("\r\n\r\n")[1].Split("\r\n").FirstOrDefault(l => l.StartsWith(name + ": "))?[(name.Length + 2)..];

        Assert.Equal($"POST {TableUri} HTTP/1.1", RequestLine(0));
        Assert.Equal($"MERGE {TableUri}(PartitionKey='p',RowKey='O%27%27Brien') HTTP/1.1", RequestLine(1));
        Assert.Equal($"PUT {TableUri}(PartitionKey='p',RowKey='c') HTTP/1.1", RequestLine(2));
        Assert.Equal($"MERGE {TableUri}(PartitionKey='p',RowKey='d') HTTP/1.1", RequestLine(3));
        Assert.Equal($"PUT {TableUri}(PartitionKey='p',RowKey='e') HTTP/1.1", RequestLine(4));
        Assert.Equal($"DELETE {TableUri}(PartitionKey='p',RowKey='%E5%BC%A0%E4%B8%89') HTTP/1.1", RequestLine(5));
        for (var i = 0; i < parts.Length; i++)
        {
            Assert.StartsWith("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n", parts[i]);
            Assert.Equal(i.ToString(), Header(i, "Content-ID"));
        }

        Assert.Null(Header(0, "If-Match"));
        Assert.Equal(etag.ToString(), Header(1, "If-Match"));
        Assert.Equal("*", Header(2, "If-Match"));
        Assert.Null(Header(3, "If-Match"));
        Assert.Null(Header(4, "If-Match"));
        Assert.Equal("*", Header(5, "If-Match"));

        var added = JsonDocument.Parse(parts[0].Split("\r\n\r\n")[2].Trim()).RootElement;
        Assert.Equal("a", added.GetProperty("RowKey").GetString());
        Assert.Equal(1, added.GetProperty("V").GetInt32());
        Assert.Null(Header(5, "Content-Type"));
    }

    private const string SuccessResponse =
        "--batchresponse_1\r\n" +
        "Content-Type: multipart/mixed; boundary=changesetresponse_1\r\n\r\n" +
        "--changesetresponse_1\r\n" +
        "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
        "HTTP/1.1 204 No Content\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-cache\r\nDataServiceVersion: 1.0;\r\n" +
        "ETag: W/\"datetime'2026-11-21T08%3A00%3A01Z'\"\r\n\r\n\r\n" +
        "--changesetresponse_1\r\n" +
        "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
        "HTTP/1.1 204 No Content\r\nDataServiceVersion: 1.0;\r\n\r\n\r\n" +
        "--changesetresponse_1--\r\n" +
        "--batchresponse_1--\r\n";

    [Fact]
    public void A_committed_transaction_reads_one_status_and_etag_per_action()
    {
        var results = TableTransactionBatch.ReadResponse(SuccessResponse, operationCount: 2);

        Assert.Equal(2, results.Count);
        Assert.Equal(204, results[0].Status);
        Assert.Equal(new ETag("W/\"datetime'2026-11-21T08%3A00%3A01Z'\""), results[0].ETag);
        Assert.Equal(default, results[1].ETag);
    }

    [Fact]
    public void A_response_with_the_wrong_number_of_parts_is_an_error()
    {
        var ex = Assert.Throws<RequestFailedException>(() => TableTransactionBatch.ReadResponse(SuccessResponse, operationCount: 3));
        Assert.Contains("2 parts for 3 operations", ex.Message);
    }

    private static string FailureResponse(string headers, string body) =>
        "--batchresponse_2\r\n" +
        "Content-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n" +
        "--changesetresponse_2\r\n" +
        "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
        "HTTP/1.1 412 Precondition Failed\r\n" + headers +
        "Content-Type: application/json;odata=minimalmetadata;streaming=true;charset=utf-8\r\n\r\n" +
        body + "\r\n" +
        "--changesetresponse_2--\r\n" +
        "--batchresponse_2--\r\n";

    [Fact]
    public void A_failed_transaction_names_the_action_from_the_service_message()
    {
        var response = FailureResponse("",
            """{"odata.error":{"code":"UpdateConditionNotSatisfied","message":{"lang":"en-US","value":"2:The update condition specified in the request was not satisfied.\nRequestId:abc\nTime:2026-11-21T08:00:01Z"}}}""");

        var ex = Assert.Throws<TableTransactionFailedException>(() => TableTransactionBatch.ReadResponse(response, operationCount: 3));

        Assert.Equal(412, ex.Status);
        Assert.Equal("UpdateConditionNotSatisfied", ex.ErrorCode);
        Assert.Equal(2, ex.FailedTransactionActionIndex);
        Assert.Contains("operation 2", ex.Message);
        Assert.DoesNotContain("RequestId", ex.Message);
    }

    [Fact]
    public void Without_an_index_in_the_message_the_content_id_names_the_action()
    {
        var response = FailureResponse("Content-ID: 1\r\n",
            """{"odata.error":{"code":"EntityAlreadyExists","message":{"lang":"en-US","value":"The specified entity already exists."}}}""");

        var ex = Assert.Throws<TableTransactionFailedException>(() => TableTransactionBatch.ReadResponse(response, operationCount: 2));

        Assert.Equal("EntityAlreadyExists", ex.ErrorCode);
        Assert.Equal(1, ex.FailedTransactionActionIndex);
    }

    [Fact]
    public void When_the_service_does_not_say_which_action_failed_the_index_is_null()
    {
        var response = FailureResponse("x-ms-error-code: InvalidInput\r\n", "not json");

        var ex = Assert.Throws<TableTransactionFailedException>(() => TableTransactionBatch.ReadResponse(response, operationCount: 2));

        Assert.Equal(412, ex.Status);
        Assert.Equal("InvalidInput", ex.ErrorCode);
        Assert.Null(ex.FailedTransactionActionIndex);
    }
}
