using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gonghui.Functions.Tests.Registry;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Tests.Relief.Functions;

namespace Gonghui.Functions.Tests;

/// <summary>
/// Every HTTP function that takes a JSON body, through the app process, answers bad input by one contract: a wrong
/// content type is 415, malformed JSON 400 <c>invalid_json</c>, a missing or an invalid field 400 naming the field;
/// each is <c>application/problem+json</c> whose <c>type</c> is its code, every code lower snake_case (optionally
/// after a capability prefix), and the fields named as the client sent them.
/// </summary>
[Collection(ReliefAppCollection.Name)]
public sealed partial class BadInputCatalogueTests(ReliefApp relief)
{
    private const string Region = "110126";

    /// <summary>Path, the key's role, a valid body, the body without one field (named) and with one field invalid (named).</summary>
    public sealed record Endpoint(string Method, string Path, string Key, string Valid, (string Body, string Field) Missing, (string Body, string Field) Invalid);

    [Fact]
    public async Task Every_json_endpoint_answers_a_wrong_content_type_malformed_json_a_missing_and_an_invalid_field_alike()
    {
        await relief.PrepareRegionAsync(Region, "10000.00");
        var approver = ReliefApp.ApproverKey(ReliefApp.ApproverFor(ApprovalLevel.District, Region, deputy: false).Id);
        var application = JsonSerializer.Serialize(ReliefApp.Request(Region, 70), JsonSerializerOptions.Web);
        var record = JsonSerializer.Serialize(RegistrySamples.Person(Region), JsonSerializerOptions.Web);
        Endpoint[] endpoints =
        [
            new("POST", "api/tickets", ReliefApp.OperatorKey, Ticket(),
                (Without(Ticket(), "phone"), "phone"), (With(Ticket(), "phone", "12345"), "phone")),
            new("POST", "api/relief/applications", ReliefApp.OperatorKey, application,
                (Without(application, "requestedAmount"), "requestedAmount"), (With(application, "requestedAmount", "-5"), "requestedAmount")),
            new("PUT", $"api/relief/budgets/hardship/{Region}/2031", ReliefApp.AdminKey, """{"budget":"100.00"}""",
                ("{}", "budget"), ("""{"budget":"很多"}""", "budget")),
            new("POST", "api/approvals/rel-none-L1-R0/decision", approver, """{"decision":"approve"}""",
                ("{}", "decision"), ("""{"decision":"maybe"}""", "decision")),
            new("POST", "api/registry/records", ReliefApp.AdminKey, record,
                (Without(record, "name"), "name"), (With(record, "nationalId", "110101"), "nationalId")),
            new("POST", "api/keys", ReliefApp.AdminKey, """{"name":"目录测试","role":"operator"}""",
                ("""{"name":"目录测试"}""", "role"), ("""{"name":"目录测试","role":"emperor"}""", "role")),
        ];

        foreach (var endpoint in endpoints)
        {
            using var client = relief.Client(endpoint.Key);
            var wrongType = await SendAsync(client, endpoint, new StringContent(endpoint.Valid, Encoding.UTF8, "text/plain"));
            AssertProblem(endpoint, wrongType, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type", "Content-Type");

            var malformed = await SendAsync(client, endpoint, Json(endpoint.Valid[..^1]));
            AssertProblem(endpoint, malformed, HttpStatusCode.BadRequest, "invalid_json", field: null);

            var missing = await SendAsync(client, endpoint, Json(endpoint.Missing.Body));
            AssertProblem(endpoint, missing, HttpStatusCode.BadRequest, code: null, endpoint.Missing.Field);

            var invalid = await SendAsync(client, endpoint, Json(endpoint.Invalid.Body));
            AssertProblem(endpoint, invalid, HttpStatusCode.BadRequest, code: null, endpoint.Invalid.Field);
        }
    }

    private static void AssertProblem(Endpoint endpoint, (HttpStatusCode Status, string? MediaType, JsonElement Body) answer, HttpStatusCode status,
        string? code, string? field)
    {
        var where = $"{endpoint.Method} {endpoint.Path}: {answer.Body}";
        Assert.True(status == answer.Status, $"{where}: expected {(int)status}, got {(int)answer.Status}");
        Assert.True(answer.MediaType == "application/problem+json", where);
        var actual = answer.Body.GetProperty("code").GetString()!;
        if (code is not null) Assert.True(code == actual, where);
        Assert.Matches(CodeStyle(), actual);
        Assert.Equal("urn:gonghui:problem:" + actual, answer.Body.GetProperty("type").GetString());
        if (!answer.Body.TryGetProperty("errors", out var errors))
        {
            Assert.Null(field);
            return;
        }
        foreach (var error in errors.EnumerateObject())
            Assert.All(error.Value.EnumerateArray(), c => Assert.Matches(CodeStyle(), c.GetString()!));
        if (field is not null)
            Assert.True(errors.TryGetProperty(field, out _), $"{where}: no error for {field}");
    }

    private static async Task<(HttpStatusCode, string?, JsonElement)> SendAsync(HttpClient client, Endpoint endpoint, HttpContent content)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path) { Content = content };
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Ticket() => JsonSerializer.Serialize(Hotline.EndToEnd.HotlineAppFixture.Intake("目录"), JsonSerializerOptions.Web);

    private static string Without(string json, string field)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        Assert.True(node.Remove(field), field);
        return node.ToJsonString();
    }

    private static string With(string json, string field, string value)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node[field] = value;
        return node.ToJsonString();
    }

    [GeneratedRegex(@"^([a-z]+(_[a-z0-9]+)*\.)?[a-z]+(_[a-z0-9]+)*$")]
    private static partial Regex CodeStyle();
}
