using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Hotline.Domain;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Hotline.EndToEnd;

/// <summary>A ticket's life through the running app, its queues, Azurite and maildev.</summary>
[Collection(HotlineAppCollection.Name)]
public sealed class HotlineEndToEndTests(HotlineAppFixture fixture)
{
    [Fact]
    public async Task Intake_answers_202_then_routing_mails_the_unit_in_Chinese_with_the_phone_masked()
    {
        using var op = fixture.Client(HotlineAppFixture.OperatorKey);
        using var response = await op.PostAsJsonAsync("api/tickets", HotlineAppFixture.Intake("拖欠加班费-邮件", phone: "13912345678", category: "rights"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString()!;
        var number = body.GetProperty("number").GetString()!;
        Assert.True(TicketNumber.TryParse(number, out _));
        Assert.Equal($"/api/tickets/{id}", response.Headers.Location?.ToString());
        Assert.Equal("\"v1\"", response.Headers.ETag?.ToString());

        var email = await fixture.Maildev.WaitForEmailAsync(e => e.Subject?.Contains(number, StringComparison.Ordinal) == true);
        Assert.Equal("union.370102@gonghui.example", Assert.Single(email.To!).Address);
        Assert.Contains("新工单待受理", email.Subject);
        Assert.Contains("139****5678", email.Text);
        Assert.Contains("139****5678", email.Html);
        Assert.DoesNotContain("13912345678", email.Text + email.Html);
        Assert.Contains("维权", email.Text);

        var ticket = await fixture.WaitForTicketAsync(id, t => t.GetProperty("status").GetString() == "assigned");
        Assert.Equal(HotlineAppFixture.LixiaUnit, ticket.GetProperty("unitId").GetString());
        Assert.Equal(["receive", "assign"], ticket.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task A_ticket_goes_through_its_life_and_every_change_is_in_its_history()
    {
        var id = (await fixture.OpenAssignedAsync(HotlineAppFixture.Intake("一生"))).GetProperty("id").GetString()!;
        using var handler = fixture.Client(fixture.LixiaHandlerKey);
        using var op = fixture.Client(HotlineAppFixture.OperatorKey);

        await Act(handler, id, "accept", null, HttpStatusCode.OK);
        await Act(handler, id, "progress", new { note = "已联系单位" }, HttpStatusCode.OK);
        await Act(handler, id, "wait-on-caller", new { reason = "等待来电人提供工资条" }, HttpStatusCode.OK);
        var waiting = await fixture.GetTicketAsync(id);
        Assert.True(waiting.GetProperty("waitingOnCaller").GetBoolean());
        Assert.Equal(JsonValueKind.Null, waiting.GetProperty("resolutionDueAt").ValueKind);
        await Act(handler, id, "resume", new { note = "材料已收到" }, HttpStatusCode.OK);
        await Act(handler, id, "resolve", new { resolution = "单位已补发加班费" }, HttpStatusCode.OK);
        var closed = await Act(op, id, "callback", new { reached = true, satisfaction = 5, note = "满意" }, HttpStatusCode.OK);

        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("callback_completed", closed.GetProperty("closeReason").GetString());
        Assert.Equal(
            ["receive", "assign", "accept", "progress", "wait_on_caller", "resume", "resolve", "callback"],
            closed.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        var progress = closed.GetProperty("history")[3];
        Assert.Equal("已联系单位", progress.GetProperty("reason").GetString());
        Assert.Equal("历下区总工会 handler", progress.GetProperty("actor").GetString());

        var reopened = await Act(op, id, "reopen", new { reason = "问题又出现了" }, HttpStatusCode.OK);
        Assert.Equal("assigned", reopened.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_transition_the_state_does_not_allow_is_409_and_another_units_handler_is_403()
    {
        var id = (await fixture.OpenAssignedAsync(HotlineAppFixture.Intake("冲突"))).GetProperty("id").GetString()!;
        using var lixia = fixture.Client(fixture.LixiaHandlerKey);
        using var shizhong = fixture.Client(fixture.ShizhongHandlerKey);

        var conflict = await Act(lixia, id, "resolve", new { resolution = "x" }, HttpStatusCode.Conflict);
        Assert.Equal(TicketErrorCodes.TransitionNotAllowed, conflict.GetProperty("code").GetString());
        var forbidden = await Act(shizhong, id, "accept", null, HttpStatusCode.Forbidden);
        Assert.Equal(TicketErrorCodes.NotYourUnit, forbidden.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await shizhong.GetAsync($"api/tickets/{id}")).StatusCode);
        var missingReason = await Act(lixia, id, "transfer", new { unitId = HotlineAppFixture.ShizhongUnit }, HttpStatusCode.BadRequest);
        Assert.True(missingReason.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await lixia.PostAsync($"api/tickets/{id}/explode", null)).StatusCode);
        Assert.Equal(2, (await fixture.GetTicketAsync(id)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Handlers_see_the_full_phone_of_their_units_tickets_and_admins_see_it_masked()
    {
        var id = (await fixture.OpenAssignedAsync(HotlineAppFixture.Intake("电话", phone: "0531-86012345"))).GetProperty("id").GetString()!;
        Assert.Equal("0531-86012345", (await fixture.GetTicketAsync(id, fixture.LixiaHandlerKey)).GetProperty("phone").GetString());
        Assert.Equal("0531-****2345", (await fixture.GetTicketAsync(id, HotlineAppFixture.AdminKey)).GetProperty("phone").GetString());
    }

    [Fact]
    public async Task Two_handlers_updating_one_ticket_at_once_one_wins_the_other_gets_412_and_nothing_is_lost()
    {
        var ticket = await fixture.OpenAssignedAsync(HotlineAppFixture.Intake("并发"));
        var id = ticket.GetProperty("id").GetString()!;
        using var handler = fixture.Client(fixture.LixiaHandlerKey);
        await Act(handler, id, "accept", null, HttpStatusCode.OK);
        var etag = (await handler.GetAsync($"api/tickets/{id}")).Headers.ETag!.ToString();

        using var start = new SemaphoreSlim(0);
        var attempts = new[] { "第一位处理人的记录", "第二位处理人的记录" }.Select(async note =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/tickets/{id}/progress") { Content = JsonContent.Create(new { note }) };
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            await start.WaitAsync();
            using var response = await handler.SendAsync(request);
            return (note, response.StatusCode);
        }).ToList();
        start.Release(2);
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(results, r => r.StatusCode == HttpStatusCode.PreconditionFailed);
        var fresh = (await handler.GetAsync($"api/tickets/{id}")).Headers.ETag!.ToString();
        using var retry = new HttpRequestMessage(HttpMethod.Post, $"api/tickets/{id}/progress") { Content = JsonContent.Create(new { note = loser.note }) };
        retry.Headers.TryAddWithoutValidation("If-Match", fresh);
        Assert.Equal(HttpStatusCode.OK, (await handler.SendAsync(retry)).StatusCode);

        var notes = (await fixture.GetTicketAsync(id)).GetProperty("history").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "progress").Select(e => e.GetProperty("reason").GetString()).ToList();
        Assert.Equal(2, notes.Count);
        Assert.Contains("第一位处理人的记录", notes);
        Assert.Contains("第二位处理人的记录", notes);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_idempotency_key_open_exactly_one_ticket_and_another_body_is_422()
    {
        var key = Guid.NewGuid().ToString("N");
        var subject = "幂等-" + key[..8];
        using var op = fixture.Client(HotlineAppFixture.OperatorKey);
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/tickets") { Content = JsonContent.Create(HotlineAppFixture.Intake(subject)) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await op.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>());
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var ids = responses.Select(r => r.Body.GetProperty("id").GetString()).Distinct().ToList();
        var numbers = responses.Select(r => r.Body.GetProperty("number").GetString()).Distinct().ToList();
        Assert.Single(ids);
        Assert.Single(numbers);
        var stored = (await fixture.SnapshotRowsAsync(["Snapshot"]))
            .Count(row => row.GetString("Snapshot")!.Contains(subject, StringComparison.Ordinal));
        Assert.Equal(1, stored);

        using var other = new HttpRequestMessage(HttpMethod.Post, "api/tickets") { Content = JsonContent.Create(HotlineAppFixture.Intake(subject + "改")) };
        other.Headers.Add("Idempotency-Key", key);
        using var refused = await op.SendAsync(other);
        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        Assert.Equal("idempotency_key.reused", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_third_transfer_mails_the_supervisor_once()
    {
        var id = (await fixture.OpenAssignedAsync(HotlineAppFixture.Intake("三次转办", region: "370104"))).GetProperty("id").GetString()!;
        using var supervisor = fixture.Client(HotlineAppFixture.SupervisorKey);
        foreach (var unit in new[] { "370105-union", "370104-union", "370100-union" })
        {
            await Act(supervisor, id, "transfer", new { unitId = unit, reason = "不属本单位管辖" }, HttpStatusCode.OK);
        }

        var ticket = await fixture.WaitForTicketAsync(id, t => t.GetProperty("slaEvents").EnumerateArray().Any(e => e.GetString() == "transfer_escalation:1"));
        var number = ticket.GetProperty("number").GetString()!;
        var email = await fixture.Maildev.WaitForEmailAsync(e => e.Subject?.Contains("提级督办") == true && e.Subject.Contains(number));
        Assert.Equal("supervisor.370100@gonghui.example", Assert.Single(email.To!).Address);
        Assert.Single(await fixture.Maildev.GetEmailsAsync(), e => e.Subject?.Contains("提级督办") == true && e.Subject.Contains(number));
    }

    [Fact]
    public async Task Lists_filter_by_region_category_and_status_and_page_with_a_continuation_token()
    {
        for (var i = 0; i < 3; i++)
        {
            await fixture.OpenAssignedAsync(HotlineAppFixture.Intake($"列表{i}", category: "hardship", region: "370112"));
        }

        // The list is an index kept by the change follow-up, so it may trail a write by a moment.
        using var supervisor = fixture.Client(HotlineAppFixture.SupervisorKey);
        await Eventually.AssertAsync(async () =>
        {
            var seen = new List<string>();
            string? token = null;
            do
            {
                var page = await supervisor.GetFromJsonAsync<JsonElement>(
                    "api/tickets?region=370112&category=hardship&status=assigned&pageSize=2" + (token is null ? "" : "&continuationToken=" + token));
                var items = page.GetProperty("items").EnumerateArray().ToList();
                Assert.True(items.Count <= 2);
                Assert.All(items, item => Assert.Equal("370112", item.GetProperty("regionCode").GetString()));
                seen.AddRange(items.Select(item => item.GetProperty("id").GetString()!));
                token = page.GetProperty("continuationToken").GetString();
            } while (token is not null);
            Assert.Equal(3, seen.Distinct().Count());
        }, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Stats_equal_the_figures_worked_out_by_hand_for_a_seeded_set()
    {
        // Region 370113 and category complaint are used by this test alone.
        using var handler = fixture.Client(HotlineAppFixture.SupervisorKey);
        using var op = fixture.Client(HotlineAppFixture.OperatorKey);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await fixture.OpenAssignedAsync(HotlineAppFixture.Intake($"统计{i}", phone: $"1370000000{i}", category: "complaint", region: "370113")))
                .GetProperty("id").GetString()!);
        }

        foreach (var id in ids.Take(3))
            await Act(handler, id, "accept", null, HttpStatusCode.OK);
        foreach (var id in ids.Take(2))
            await Act(handler, id, "resolve", new { resolution = "已办结" }, HttpStatusCode.OK);
        await Act(op, ids[0], "callback", new { reached = true, satisfaction = 5 }, HttpStatusCode.OK);
        var last = await Act(op, ids[1], "callback", new { reached = true, satisfaction = 3 }, HttpStatusCode.OK);

        // By hand: 4 received; all 4 due within the period; 2 resolved, both on time; 2 reached callbacks, 1 satisfied;
        // 2 resolved at least once, none reopened; no breaches.
        var from = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)).ToString("yyyy-MM-dd");
        var to = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40)).ToString("yyyy-MM-dd");
        // Figures follow each change through the queue, a version at a time and in any order: poll until they settle.
        await Eventually.AssertAsync(async () =>
        {
            var stats = await handler.GetFromJsonAsync<JsonElement>($"api/hotline/stats?from={from}&to={to}&region=370113&category=complaint");
            var total = stats.GetProperty("total");
            Assert.Equal(4, total.GetProperty("received").GetInt64());
            AssertRate(total.GetProperty("closureRate"), 2, 4, 50m);
            AssertRate(total.GetProperty("onTimeClosureRate"), 2, 4, 50m);
            AssertRate(total.GetProperty("satisfactionRate"), 1, 2, 50m);
            AssertRate(total.GetProperty("reopenRate"), 0, 2, 0m);
            Assert.Equal(0, total.GetProperty("breaches").GetInt64());
            Assert.Equal(3, total.GetProperty("counters").GetProperty("firstResponses").GetInt64());
        }, TimeSpan.FromSeconds(20));

        Assert.Equal("closed", last.GetProperty("status").GetString());
    }

    private static void AssertRate(JsonElement rate, long numerator, long denominator, decimal percent)
    {
        Assert.Equal(numerator, rate.GetProperty("numerator").GetInt64());
        Assert.Equal(denominator, rate.GetProperty("denominator").GetInt64());
        Assert.Equal(percent, rate.GetProperty("percent").GetDecimal());
    }

    private static async Task<JsonElement> Act(HttpClient client, string id, string action, object? body, HttpStatusCode expected)
    {
        using var response = body is null
            ? await client.PostAsync($"api/tickets/{id}/{action}", null)
            : await client.PostAsJsonAsync($"api/tickets/{id}/{action}", body);
        var content = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{action}: expected {expected}, got {response.StatusCode}: {content}");
        return JsonSerializer.Deserialize<JsonElement>(content);
    }
}
