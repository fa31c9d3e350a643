using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Security;

namespace Gonghui.Functions.Tests.Relief.Functions;

[Collection(ReliefAppCollection.Name)]
public sealed class ReliefEndToEndTests(ReliefApp relief)
{
    private const string Region = "110101";

    [Fact]
    public async Task Submit_link_GET_decides_nothing_POST_decides_next_level_mailed_API_decides_payment_exported_once()
    {
        await relief.PrepareRegionAsync(Region, "100000.00");
        var request = ReliefApp.Request(Region, person: 1, amount: "8000.00");
        var applicationId = await relief.SubmitAsync(request);

        var district = ReliefApp.ApproverFor(ApprovalLevel.District, Region, deputy: false);
        var districtMail = await relief.WaitForApprovalMailAsync(applicationId, district.Email);
        var token = ReliefApp.TokenIn(districtMail);
        Assert.NotEmpty(token);

        using (var approverApi = relief.Client(ReliefApp.ApproverKey(district.Id)))
        {
            var pending = await approverApi.GetFromJsonAsync<JsonElement>("api/approvals?status=pending");
            Assert.Contains(pending.GetProperty("tasks").EnumerateArray(), t => t.GetProperty("applicationId").GetString() == applicationId);
        }

        // A mail scanner and the approver both open the link: only pages, no decision.
        using var anonymous = relief.Client(null);
        string page = "";
        for (var i = 0; i < 2; i++)
        {
            using var get = await anonymous.GetAsync($"api/approvals/{token}");
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal("no-store", get.Headers.CacheControl?.ToString());
            Assert.Contains("default-src 'none'", get.Headers.GetValues("Content-Security-Policy").Single());
            page = await get.Content.ReadAsStringAsync();
            Assert.Contains("同意", page);
            Assert.Contains(NationalIdMasked(request), page);
        }
        var afterGet = await relief.GetApplicationAsync(applicationId);
        Assert.Equal("awaiting_decision", afterGet.GetProperty("status").GetString());
        Assert.Equal(1, afterGet.GetProperty("levelNumber").GetInt32());
        Assert.Equal(district.Id, afterGet.GetProperty("waitingOn")[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.String, afterGet.GetProperty("until").ValueKind);

        using (var posted = await relief.PostDecisionFormAsync(token, ReliefApp.FormTokenIn(page), "approve", "情况属实"))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            Assert.Contains("审批意见已提交", await posted.Content.ReadAsStringAsync());
        }

        var city = ReliefApp.ApproverFor(ApprovalLevel.City, Region, deputy: false);
        await relief.WaitForApprovalMailAsync(applicationId, city.Email);
        var atCity = await relief.WaitForApplicationAsync(applicationId, a => a.GetProperty("levelNumber").ValueKind == JsonValueKind.Number
            && a.GetProperty("levelNumber").GetInt32() == 2 && ReliefApp.HasStatus(a, "awaiting_decision"));
        var cityTaskId = ApprovalTask.IdFor(applicationId, 1, 1);

        // The used link: a second POST shows who decided when and changes nothing.
        using (var replay = await relief.PostDecisionFormAsync(token, ReliefApp.FormTokenIn(page), "reject", "重复提交"))
        {
            Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
            Assert.Contains("此链接已使用", await replay.Content.ReadAsStringAsync());
        }

        using (var cityApi = relief.Client(ReliefApp.ApproverKey(city.Id)))
        using (var decided = await cityApi.PostAsJsonAsync($"api/approvals/{cityTaskId}/decision", new { decision = "approve", comment = "同意发放" }))
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        var paid = await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "paid"));
        Assert.Equal(applicationId, paid.GetProperty("payment").GetProperty("paymentId").GetString());
        Assert.Equal("8000.00", paid.GetProperty("payment").GetProperty("amount").GetString());
        var decisions = paid.GetProperty("decisions").EnumerateArray().ToList();
        Assert.Equal(["情况属实", "同意发放"], decisions.Select(d => d.GetProperty("comment").GetString()));
        Assert.Equal([district.Id, city.Id], decisions.Select(d => d.GetProperty("actorId").GetString()));

        await relief.Maildev.WaitForEmailAsync(e => e.Subject?.Contains($"{applicationId} 已审批通过", StringComparison.Ordinal) == true);

        using var admin = relief.Client(ReliefApp.AdminKey);
        var day = paid.GetProperty("payment").GetProperty("instructedOn").GetString();
        var csv = await admin.GetStringAsync($"api/relief/payments/export?date={day}");
        Assert.Single(csv.Split('\n'), line => line.StartsWith(applicationId + ",", StringComparison.Ordinal));
        var year = ChinaStandardTime.ToLocalDate(DateTimeOffset.UtcNow).Year;
        var budget = await admin.GetFromJsonAsync<JsonElement>($"api/relief/budgets/hardship/{Region}/{year}");
        Assert.Equal("8000.00", budget.GetProperty("spent").GetString());
        Assert.Equal("0.00", budget.GetProperty("reserved").GetString());

        // Personal data: never in full in the app's logs or in any e-mail.
        var emails = await relief.Maildev.GetEmailsAsync();
        Assert.True(emails.Count >= 3);
        foreach (var secret in new[] { request.Applicant!.NationalId!, request.Applicant.Phone! })
        {
            Assert.DoesNotContain(secret, relief.AllOutput, StringComparison.Ordinal);
            Assert.All(emails, e => Assert.DoesNotContain(secret, (e.Text ?? "") + (e.Html ?? ""), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Invalid_application_is_a_problem_with_field_errors()
    {
        using var client = relief.Client(ReliefApp.OperatorKey);
        using var response = await client.PostAsJsonAsync("api/relief/applications", ReliefApp.Request(Region, 2) with { RequestedAmount = "-5" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("requestedAmount", out _));
    }

    [Fact]
    public async Task A_unit_scoped_key_does_not_see_another_units_application()
    {
        var applicationId = await relief.SubmitAsync(ReliefApp.Request("110109", person: 3));
        var scoped = await new ApiKeyStore(relief.Tables, TimeProvider.System)
            .CreateAsync("other unit handler", ApiRoles.Handler, unit: "其他单位");
        using var other = relief.Client(scoped.Secret);
        using (var hidden = await other.GetAsync($"api/relief/applications/{applicationId}"))
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        using (var withdraw = await other.PostAsync($"api/relief/applications/{applicationId}/withdraw", null))
            Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
        Assert.Equal(applicationId, (await relief.GetApplicationAsync(applicationId)).GetProperty("applicationId").GetString());
    }

    [Fact]
    public async Task An_application_whose_approvers_are_missing_shows_the_step_it_stopped_at()
    {
        const string region = "110112";
        using (var admin = relief.Client(ReliefApp.AdminKey))
        {
            var year = ChinaStandardTime.ToLocalDate(DateTimeOffset.UtcNow).Year;
            (await admin.PutAsJsonAsync($"api/relief/budgets/hardship/{region}/{year}", new { budget = "10000.00" })).EnsureSuccessStatusCode();
        }
        var applicationId = await relief.SubmitAsync(ReliefApp.Request(region, person: 5));

        var stopped = await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "routing"));
        Assert.Contains("分派", stopped.GetProperty("sentence").GetString());
        Assert.Contains(stopped.GetProperty("history").EnumerateArray(), e => e.GetProperty("kind").GetString() == "reserved");
    }

    private static string NationalIdMasked(ReliefApplicationRequest request) => Gonghui.Functions.Privacy.NationalId.Mask(request.Applicant!.NationalId);
}
