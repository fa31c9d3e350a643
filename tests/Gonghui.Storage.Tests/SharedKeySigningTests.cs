using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Gonghui.Storage.Pipeline;
using Gonghui.Storage.Queues;
using Gonghui.Storage.Tables;

namespace Gonghui.Storage.Tests;

/// <summary>
/// The SharedKey string-to-sign for the Table and the Queue service, checked against strings written out by hand from
/// "Authorize with Shared Key" (Azure Storage REST reference), and the HMAC against one computed independently
/// (openssl dgst -sha256 -mac HMAC over the same bytes with the emulator key).
/// </summary>
public sealed class SharedKeySigningTests
{
    private const string Date = "Sat, 21 Nov 2026 10:00:00 GMT";
    private const string Account = "devstoreaccount1";

    private static Request NewRequest(RequestMethod method, string uri)
    {
        var request = HttpPipelineBuilder.Build(new StorageClientOptions()).CreateRequest();
        request.Method = method;
        request.Uri.Reset(new Uri(uri));
        return request;
    }

    [Fact]
    public void Table_string_to_sign_is_verb_md5_type_date_and_resource()
    {
        var request = NewRequest(RequestMethod.Get, "http://127.0.0.1:10002/devstoreaccount1/mytable(PartitionKey='p',RowKey='r')");
        request.Headers.SetValue("x-ms-version", "2019-02-02");

        Assert.Equal(
            "GET\n\n\nSat, 21 Nov 2026 10:00:00 GMT\n/devstoreaccount1/devstoreaccount1/mytable(PartitionKey='p',RowKey='r')",
            SharedKeySigningPolicy.TableStringToSign(request, Account, Date));
    }

    [Fact]
    public void Table_resource_keeps_only_the_comp_parameter()
    {
        var request = NewRequest(RequestMethod.Put, "https://myaccount.table.core.windows.net/mytable?timeout=30&comp=acl");
        request.Headers.SetValue("Content-Type", "application/xml");
        request.Headers.SetValue("Content-MD5", "Q2hlY2sgSW50ZWdyaXR5IQ==");

        Assert.Equal(
            "PUT\nQ2hlY2sgSW50ZWdyaXR5IQ==\napplication/xml\nSat, 21 Nov 2026 10:00:00 GMT\n/myaccount/mytable?comp=acl",
            SharedKeySigningPolicy.TableStringToSign(request, "myaccount", Date));
    }

    [Fact]
    public void Queue_string_to_sign_has_the_standard_headers_then_sorted_ms_headers_and_query()
    {
        var request = NewRequest(RequestMethod.Put,
            "http://127.0.0.1:10001/devstoreaccount1/myqueue/messages/id?visibilitytimeout=30&popreceipt=AgAAAA%2B%3D");
        request.Headers.SetValue("x-ms-version", "2021-08-06");
        request.Headers.SetValue("x-ms-date", Date);
        request.Headers.SetValue("X-MS-Client-Request-Id", "abc");
        request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        request.Content = RequestContent.Create(new byte[47]);

        Assert.Equal(
            "PUT\n\n\n47\n\napplication/xml; charset=utf-8\n\n\n\n\n\n\n" +
            "x-ms-client-request-id:abc\nx-ms-date:Sat, 21 Nov 2026 10:00:00 GMT\nx-ms-version:2021-08-06\n" +
            "/devstoreaccount1/devstoreaccount1/myqueue/messages/id\npopreceipt:AgAAAA+=\nvisibilitytimeout:30",
            SharedKeySigningPolicy.QueueStringToSign(request, Account));
    }

    [Fact]
    public void Queue_resource_sorts_parameters_and_joins_repeated_ones_as_the_docs_show()
    {
        // The documented example: ?restype=container&comp=list&include=snapshots&include=metadata&include=uncommittedblobs
        var request = NewRequest(RequestMethod.Get,
            "https://myaccount.blob.core.windows.net/mycontainer?restype=container&comp=list&include=snapshots&include=metadata&include=uncommittedblobs");
        request.Headers.SetValue("x-ms-date", Date);

        Assert.Equal(
            "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Sat, 21 Nov 2026 10:00:00 GMT\n" +
            "/myaccount/mycontainer\ncomp:list\ninclude:metadata,snapshots,uncommittedblobs\nrestype:container",
            SharedKeySigningPolicy.QueueStringToSign(request, "myaccount"));
    }

    [Fact]
    public void Signature_is_hmac_sha256_of_the_utf8_string_under_the_decoded_key()
    {
        var credential = new StorageSharedKeyCredential(Account, StorageConnectionString.DevelopmentAccountKey);
        Assert.Equal("xQHLcKqLOxYa6CJOO+u3f4AmkWxKqPrApS64k8UHUS0=", credential.ComputeSignature(
            "GET\n\n\nSat, 21 Nov 2026 10:00:00 GMT\n/devstoreaccount1/devstoreaccount1/mytable(PartitionKey='p',RowKey='r')"));
        Assert.Equal("DcmaZvsm0ODxWzTDAx1ATSKZMFhYj5NRu+EHdwoxCU8=", credential.ComputeSignature(
            "PUT\n\n\n47\n\napplication/xml; charset=utf-8\n\n\n\n\n\n\n" +
            "x-ms-client-request-id:abc\nx-ms-date:Sat, 21 Nov 2026 10:00:00 GMT\nx-ms-version:2021-08-06\n" +
            "/devstoreaccount1/devstoreaccount1/myqueue/messages/id\npopreceipt:AgAAAA+=\nvisibilitytimeout:30"));
    }

    private static string Only(HttpRequestMessage request, string header) =>
        request.Headers.TryGetValues(header, out var values) ? values.Single()
        : request.Content?.Headers.TryGetValues(header, out var contentValues) == true ? contentValues.Single()
        : throw new Xunit.Sdk.XunitException($"{header} was not sent");

    private static StorageConnectionString StubAccount() => StorageConnectionString.Parse(
        $"AccountName={Account};AccountKey={StorageConnectionString.DevelopmentAccountKey};" +
        "QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1");

    [Fact]
    public async Task The_table_client_signs_what_it_sends()
    {
        var handler = new StubHttpHandler(HttpStatusCode.NoContent);
        var options = new StorageClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        var table = new TableServiceClient(StubAccount(), options).GetTableClient("mytable");

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });

        var sent = Assert.Single(handler.Requests);
        var date = Only(sent, "x-ms-date");
        var expected = $"MERGE\n\napplication/json\n{date}\n/devstoreaccount1/devstoreaccount1/mytable(PartitionKey='p',RowKey='r')";
        var credential = new StorageSharedKeyCredential(Account, StorageConnectionString.DevelopmentAccountKey);
        Assert.Equal($"SharedKey {Account}:{credential.ComputeSignature(expected)}", Only(sent, "Authorization"));
    }

    [Fact]
    public async Task The_queue_client_signs_what_it_sends()
    {
        var handler = new StubHttpHandler(HttpStatusCode.Created,
            "<QueueMessagesList><QueueMessage><MessageId>m1</MessageId><InsertionTime>Sat, 21 Nov 2026 10:00:00 GMT</InsertionTime>" +
            "<ExpirationTime>Sat, 28 Nov 2026 10:00:00 GMT</ExpirationTime><PopReceipt>pr</PopReceipt>" +
            "<TimeNextVisible>Sat, 21 Nov 2026 10:00:05 GMT</TimeNextVisible></QueueMessage></QueueMessagesList>");
        var options = new QueueClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        var queue = new QueueServiceClient(StubAccount(), options).GetQueueClient("myqueue");

        var receipt = (await queue.SendMessageAsync("工单", visibilityTimeout: TimeSpan.FromSeconds(5))).Value;

        Assert.Equal("m1", receipt.MessageId);
        var sent = Assert.Single(handler.Requests);
        var length = Assert.Single(handler.Bodies).Length;
        var expected =
            $"POST\n\n\n{length}\n\napplication/xml; charset=utf-8\n\n\n\n\n\n\n" +
            $"x-ms-client-request-id:{Only(sent, "x-ms-client-request-id")}\n" +
            $"x-ms-date:{Only(sent, "x-ms-date")}\n" +
            $"x-ms-return-client-request-id:{Only(sent, "x-ms-return-client-request-id")}\n" +
            $"x-ms-version:{Only(sent, "x-ms-version")}\n" +
            "/devstoreaccount1/devstoreaccount1/myqueue/messages\nvisibilitytimeout:5";
        var credential = new StorageSharedKeyCredential(Account, StorageConnectionString.DevelopmentAccountKey);
        Assert.Equal($"SharedKey {Account}:{credential.ComputeSignature(expected)}", Only(sent, "Authorization"));
    }
}
