using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>A hardship ticket opens a relief application with the caller's data carried over (POST /api/tickets/{id}/relief).</summary>
[Collection(ReliefAppCollection.Name)]
public sealed class ReliefFromTicketTests(ReliefApp relief)
{
    private const string Region = "370102";

    [Fact]
    public async Task A_hardship_ticket_opens_one_application_with_the_callers_data()
    {
        await relief.PrepareRegionAsync(Region, "50000.00");
        var ticketId = await OpenTicketAsync("hardship");
        var template = ReliefApp.Request(Region, person: 51);
        var body = template with { Applicant = template.Applicant! with { Name = null, Phone = null, RegionCode = null, Employer = null } };

        using var client = relief.Client(ReliefApp.OperatorKey);
        var first = await client.PostAsJsonAsync($"api/tickets/{ticketId}/relief", body);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var applicationId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetString()!;
        var again = await client.PostAsJsonAsync($"api/tickets/{ticketId}/relief", body);
        Assert.Equal(applicationId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetString());

        var application = await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "awaiting_decision"));
        Assert.Equal(ticketId, application.GetProperty("sourceTicketId").GetString());
        var applicant = application.GetProperty("applicant");
        Assert.Equal("李秀英", applicant.GetProperty("name").GetString());
        Assert.Equal(Region, applicant.GetProperty("regionCode").GetString());
        Assert.Equal("济南某纺织厂", applicant.GetProperty("employer").GetString());
        Assert.Contains("****", applicant.GetProperty("nationalId").GetString());
    }

    [Fact]
    public async Task Only_a_hardship_ticket_can_open_an_application_and_an_unknown_ticket_is_404()
    {
        var ticketId = await OpenTicketAsync("rights");
        using var client = relief.Client(ReliefApp.OperatorKey);
        var body = ReliefApp.Request(Region, person: 52);

        var wrongCategory = await client.PostAsJsonAsync($"api/tickets/{ticketId}/relief", body);
        Assert.Equal(HttpStatusCode.Conflict, wrongCategory.StatusCode);
        Assert.Equal("ticket.not_hardship", (await wrongCategory.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var unknown = await client.PostAsJsonAsync($"api/tickets/{new string('a', 32)}/relief", body);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<string> OpenTicketAsync(string category)
    {
        using var client = relief.Client(ReliefApp.OperatorKey);
        var response = await client.PostAsJsonAsync("api/tickets", new
        {
            callerName = "李秀英",
            phone = "13912345678",
            category,
            regionCode = Region,
            subject = "家庭困难申请帮扶",
            description = "丈夫重病住院，家庭收入低于低保标准。",
            channel = "phone",
            urgency = "normal",
            employer = "济南某纺织厂",
            callbackConsent = true,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
