using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gonghui.Functions.Tests.Hotline.EndToEnd;

/// <summary>
/// Bad input through the running app: each case a problem+json with a stable code and the field at fault, and no
/// ticket stored: a 400 for every field's invalid forms, a body that is not JSON or over the hotline's 32 KiB.
/// </summary>
[Collection(HotlineAppCollection.Name)]
public sealed class HotlineBadInputTests(HotlineAppFixture fixture)
{
    private const string Injection = "' or 1 eq 1";

    public static TheoryData<string, object?, string> InvalidFields => new()
    {
        { "callerName", null, "required" },
        { "callerName", "   ", "required" },
        { "callerName", new string('张', 51), "too_long" },
        { "callerName", "张\u0007伟", "invalid" },
        { "phone", null, "required" },
        { "phone", "12345", "invalid" },
        { "phone", "1381234567x", "invalid" },
        { "phone", Injection, "invalid" },
        { "category", null, "required" },
        { "category", "LegalAid", "unknown" },
        { "category", "bribery", "unknown" },
        { "category", Injection, "unknown" },
        { "regionCode", null, "required" },
        { "regionCode", "110101", "unknown" },
        { "regionCode", Injection, "unknown" },
        { "subject", "", "required" },
        { "subject", new string('字', 201), "too_long" },
        { "description", null, "required" },
        { "description", new string('字', 4001), "too_long" },
        { "channel", "fax", "unknown" },
        { "channel", null, "required" },
        { "urgency", "critical", "unknown" },
        { "memberId", "会员-1", "invalid" },
        { "memberId", Injection, "invalid" },
        { "employer", new string('厂', 201), "too_long" },
        { "callbackConsent", null, "required" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Every_invalid_intake_field_is_a_400_naming_the_field_and_nothing_is_stored(string field, object? value, string code)
    {
        var body = JsonSerializer.SerializeToNode(HotlineAppFixture.Intake("坏输入"))!.AsObject();
        body[field] = value is null ? null : JsonValue.Create(value);
        var problem = await PostIntakeAsync(new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest);

        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        Assert.Contains(code, problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("{\"callerName\":", "invalid_json")]
    [InlineData("[1,2,3]", "invalid_json")]
    [InlineData("{\"callerName\":\"张伟\",\"callbackConsent\":\"yes\"}", "invalid_json")]
    [InlineData("{\"callerName\":\"张伟\",\"phone\":13812345678}", "invalid_json")]
    [InlineData("null", "body_required")]
    public async Task Malformed_json_is_a_400_and_nothing_is_stored(string json, string code)
    {
        var problem = await PostIntakeAsync(new StringContent(json, Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_and_nothing_is_stored()
    {
        var body = JsonSerializer.SerializeToNode(HotlineAppFixture.Intake("太大"))!.AsObject();
        body["padding"] = new string('x', 40_000);
        var problem = await PostIntakeAsync(new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("request_too_large", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_a_415_naming_the_content_type_and_nothing_is_stored(string contentType)
    {
        var json = JsonSerializer.Serialize(HotlineAppFixture.Intake("类型"));
        var problem = await PostIntakeAsync(new StringContent(json, Encoding.UTF8, contentType), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(["unsupported_media_type"], problem.GetProperty("errors").GetProperty("Content-Type").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("status=" + Injection, "status")]
    [InlineData("region=" + Injection, "region")]
    [InlineData("category=" + Injection, "category")]
    [InlineData("unit=" + Injection, "unit")]
    [InlineData("from=" + Injection, "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("overdue=" + Injection, "overdue")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("continuationToken=" + Injection, "continuationToken")]
    [InlineData("$filter=" + Injection, "$filter")]
    [InlineData("status=assigned&status=closed", "status")]
    public async Task Injection_shaped_or_invalid_list_filters_are_a_400_naming_the_parameter(string query, string field)
    {
        using var supervisor = fixture.Client(HotlineAppFixture.SupervisorKey);
        using var response = await supervisor.GetAsync("api/tickets?" + query.Replace(" ", "%20").Replace("'", "%27"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("from=2026-01-01&to=2026-01-31&region=" + Injection, "region")]
    [InlineData("from=2026-01-01&to=2026-01-31&category=" + Injection, "category")]
    [InlineData("from=2026-01-01&to=2026-01-31&unit=" + Injection, "unit")]
    [InlineData("from=2026-01-01&to=2026-01-31&groupBy=" + Injection, "groupBy")]
    [InlineData("from=" + Injection + "&to=2026-01-31", "from")]
    [InlineData("from=2026-02-01&to=2026-01-31", "to")]
    [InlineData("to=2026-01-31", "from")]
    public async Task Injection_shaped_or_invalid_stats_parameters_are_a_400_naming_the_parameter(string query, string field)
    {
        using var supervisor = fixture.Client(HotlineAppFixture.SupervisorKey);
        using var response = await supervisor.GetAsync("api/hotline/stats?" + query.Replace(" ", "%20").Replace("'", "%27"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task An_idempotency_key_with_control_characters_or_too_long_is_a_400()
    {
        using var op = fixture.Client(HotlineAppFixture.OperatorKey);
        var before = await fixture.CountTicketsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/tickets") { Content = JsonContent.Create(HotlineAppFixture.Intake("键")) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 129));
        using var response = await op.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await fixture.CountTicketsAsync());
    }

    [Fact]
    public async Task A_stale_or_malformed_if_match_and_unknown_units_are_refused_with_clear_codes()
    {
        var id = (await fixture.OpenAssignedAsync(HotlineAppFixture.Intake("前置条件", region: "370105"))).GetProperty("id").GetString()!;
        using var supervisor = fixture.Client(HotlineAppFixture.SupervisorKey);
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"api/tickets/{id}/accept");
        stale.Headers.TryAddWithoutValidation("If-Match", "\"v1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await supervisor.SendAsync(stale)).StatusCode);
        using var malformed = new HttpRequestMessage(HttpMethod.Post, $"api/tickets/{id}/accept");
        malformed.Headers.TryAddWithoutValidation("If-Match", Injection);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.SendAsync(malformed)).StatusCode);
        using var unknownUnit = await supervisor.PostAsJsonAsync($"api/tickets/{id}/transfer", new { unitId = Injection, reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownUnit.StatusCode);
        Assert.Equal(2, (await fixture.GetTicketAsync(id)).GetProperty("version").GetInt32());
    }

    private async Task<JsonElement> PostIntakeAsync(HttpContent content, HttpStatusCode expected)
    {
        using var op = fixture.Client(HotlineAppFixture.OperatorKey);
        var before = await fixture.CountTicketsAsync();
        using var response = await op.PostAsync("api/tickets", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", text);
        Assert.Equal(before, await fixture.CountTicketsAsync());
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
