using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gonghui.Functions.Tests.Hotline.EndToEnd;

/// <summary>The admin APIs for the holiday calendar, routing table and policy, through the running app.</summary>
[Collection(HotlineAppCollection.Name)]
public sealed class HotlineAdminTests(HotlineAppFixture fixture)
{
    private const string Year2027 = """
        {"year":2027,"holidays":[{"name":"元旦","first":"2027-01-01","last":"2027-01-03"}],
         "adjustedWorkingDays":[{"date":"2027-01-09","holidayName":"元旦"}],"source":"测试"}
        """;

    [Fact]
    public async Task An_admin_stores_a_calendar_year_and_bad_years_are_refused_with_codes()
    {
        using var admin = fixture.Client(HotlineAppFixture.AdminKey);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("api/hotline/calendar/2027")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Put(admin, "api/hotline/calendar/2027", Year2027)).StatusCode);
        var stored = await admin.GetFromJsonAsync<JsonElement>("api/hotline/calendar/2027");
        Assert.Equal("2027-01-09", stored.GetProperty("adjustedWorkingDays")[0].GetProperty("date").GetString());

        var weekday = Year2027.Replace("2027-01-09", "2027-01-06");
        Assert.Contains("calendar.adjusted_working_day_not_weekend", await ProblemText(await Put(admin, "api/hotline/calendar/2027", weekday)));
        Assert.Contains("calendar.year_mismatch", await ProblemText(await Put(admin, "api/hotline/calendar/2028", Year2027)));
        Assert.Contains("\"adjustedWorkingDays\":[\"required\"]", await ProblemText(await Put(admin, "api/hotline/calendar/2027", """{"year":2027,"holidays":[]}""")));
        using var supervisor = fixture.Client(HotlineAppFixture.SupervisorKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await Put(supervisor, "api/hotline/calendar/2027", Year2027)).StatusCode);
    }

    [Fact]
    public async Task Routing_and_policy_edits_are_checked_whole()
    {
        using var admin = fixture.Client(HotlineAppFixture.AdminKey);
        var routing = await admin.GetFromJsonAsync<JsonElement>("api/hotline/routing");
        var broken = routing.ToString().Replace("\"unitId\":\"370102-union\"", "\"unitId\":\"nowhere\"");
        Assert.Contains("routing.inconsistent", await ProblemText(await Put(admin, "api/hotline/routing", broken)));
        foreach (var notAnAddress in new[] { "desk", "not an address", "desk@gonghui.local, chief@gonghui.local" })
        {
            var badEmail = Regex.Replace(routing.ToString(), "\"email\":\"[^\"]*\"", $"\"email\":\"{notAnAddress}\"");
            Assert.Contains("email_invalid", await ProblemText(await Put(admin, "api/hotline/routing", badEmail)));
        }
        Assert.Equal(HttpStatusCode.OK, (await Put(admin, "api/hotline/routing", routing.ToString())).StatusCode);

        var policy = await admin.GetFromJsonAsync<JsonElement>("api/hotline/policy");
        Assert.Equal(75, policy.GetProperty("warningPercent").GetInt32());
        var bad = policy.ToString().Replace("\"warningPercent\":75", "\"warningPercent\":150");
        Assert.Contains("policy.warning_percent_out_of_range", await ProblemText(await Put(admin, "api/hotline/policy", bad)));
        Assert.Equal(HttpStatusCode.OK, (await Put(admin, "api/hotline/policy", policy.ToString())).StatusCode);
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string path, string json) =>
        client.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<string> ProblemText(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
