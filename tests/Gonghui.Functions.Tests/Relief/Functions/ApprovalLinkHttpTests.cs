using System.Net;
using System.Net.Http.Json;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Stores;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>Approval links over HTTP against the running app: every way a link can be wrong, and key rotation across restarts.</summary>
[Collection(ReliefAppCollection.Name)]
public sealed class ApprovalLinkHttpTests(ReliefApp relief)
{
    private const string Region = "110102";
    private static readonly Approver District = ReliefApp.ApproverFor(ApprovalLevel.District, Region, deputy: false);
    private static readonly Approver Deputy = ReliefApp.ApproverFor(ApprovalLevel.District, Region, deputy: true);

    [Fact]
    public async Task Tampered_unknown_key_malformed_expired_and_foreign_links_decide_nothing_and_say_why()
    {
        await relief.PrepareRegionAsync(Region, "100000.00");
        var applicationId = await relief.SubmitAsync(ReliefApp.Request(Region, person: 11));
        var token = ReliefApp.TokenIn(await relief.WaitForApprovalMailAsync(applicationId, District.Email));
        var taskId = ApprovalTask.IdFor(applicationId, 0, 1);
        var parts = token.Split('.');

        var tampered = $"{parts[0]}.{Flip(parts[1])}.{parts[2]}";
        await AssertPageAsync(tampered, HttpStatusCode.BadRequest, "已被改动");
        await AssertPageAsync($"zzz.{parts[1]}.{parts[2]}", HttpStatusCode.BadRequest, "签名密钥已停用");
        await AssertPageAsync(parts[0] + "." + parts[1], HttpStatusCode.BadRequest, "不完整");

        // Genuinely signed, but never issued for this approver: the deputy (not escalated) cannot use it.
        var testTokens = new ApprovalLinkTokens(ApprovalLinkKeyRing.Parse("old:" + ReliefApp.OldKeySecret, "old"));
        var now = DateTimeOffset.UtcNow;
        var foreign = testTokens.Issue(taskId, Deputy.Id, now, now.AddHours(1));
        await AssertPageAsync(foreign.Token, HttpStatusCode.BadRequest, "不是发给您的");
        using (var deputyApi = relief.Client(ReliefApp.ApproverKey(Deputy.Id)))
        using (var refused = await deputyApi.PostAsJsonAsync($"api/approvals/{taskId}/decision", new { decision = "approve" }))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // An issued link whose time ran out.
        var expired = testTokens.Issue(taskId, District.Id, now.AddHours(-2), now.AddHours(-1));
        await new ApprovalTaskStore(relief.Tables).RecordLinkAsync(applicationId, (await relief.GetTaskAsync(applicationId)),
            new IssuedLinkRecord(expired.Claims.Nonce, District.Id, now.AddHours(-2)));
        await AssertPageAsync(expired.Token, HttpStatusCode.Gone, "过期");

        // POSTs without this page's anti-forgery value, or from another site.
        using var page = await relief.Client(null).GetAsync($"api/approvals/{token}");
        var formToken = ReliefApp.FormTokenIn(await page.Content.ReadAsStringAsync());
        using (var noFormToken = await relief.PostDecisionFormAsync(token, null, "approve"))
            Assert.Equal(HttpStatusCode.Forbidden, noFormToken.StatusCode);
        using (var crossSite = await relief.PostDecisionFormAsync(token, formToken, "approve", origin: "https://evil.example"))
            Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        using (var noComment = await relief.PostDecisionFormAsync(token, formToken, "reject"))
        {
            Assert.Equal(HttpStatusCode.Conflict, noComment.StatusCode);
            Assert.Contains("须填写意见", await noComment.Content.ReadAsStringAsync());
        }
        Assert.Equal("awaiting_decision", (await relief.GetApplicationAsync(applicationId)).GetProperty("status").GetString());

        using (var rejected = await relief.PostDecisionFormAsync(token, formToken, "reject", "材料不全且不符合条件"))
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        using (var replayed = await relief.PostDecisionFormAsync(token, formToken, "approve"))
        {
            Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
            Assert.Contains("驳回", await replayed.Content.ReadAsStringAsync());
        }
        var rejectedApplication = await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "rejected"));
        Assert.Contains("材料不全", rejectedApplication.GetProperty("sentence").GetString());
        await relief.Maildev.WaitForEmailAsync(e => e.Subject?.Contains($"{applicationId} 未获批准", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_decision_written_to_its_task_but_never_raised_is_raised_by_the_retried_post()
    {
        const string lostRegion = "110127";
        var district = ReliefApp.ApproverFor(ApprovalLevel.District, lostRegion, deputy: false);
        var (applicationId, token) = await AwaitingDistrictAsync(lostRegion, person: 31);
        using var page = await relief.Client(null).GetAsync($"api/approvals/{token}");
        var formToken = ReliefApp.FormTokenIn(await page.Content.ReadAsStringAsync());

        // What the POST leaves when the process dies between the task row's write and the raise.
        var state = (await new ApplicationStore(relief.Tables).GetAsync(applicationId))!.State!;
        var decision = new ApprovalDecision(state.Task!.TaskId, district.Id, ApprovalDecisionKind.Reject, "材料不全", DateTimeOffset.UtcNow);
        var (won, _) = await new ApprovalTaskStore(relief.Tables).TryDecideAsync(null, decision.TaskId, decision,
            ReliefApprovalLink.Conclusion(state, decision), nonce: null);
        Assert.True(won);
        Assert.Equal("awaiting_decision", (await relief.GetApplicationAsync(applicationId)).GetProperty("status").GetString());

        using (var retried = await relief.PostDecisionFormAsync(token, formToken, "reject", "材料不全"))
            Assert.Equal(HttpStatusCode.Conflict, retried.StatusCode);
        var rejected = await relief.WaitForApplicationAsync(applicationId, a => ReliefApp.HasStatus(a, "rejected"));
        Assert.Contains("材料不全", rejected.GetProperty("sentence").GetString());
    }

    [Fact]
    public async Task A_rotated_key_keeps_its_links_valid_until_it_is_retired()
    {
        const string rotationRegion = "110103";
        var district = ReliefApp.ApproverFor(ApprovalLevel.District, rotationRegion, deputy: false);
        var (_, oldToken) = await AwaitingDistrictAsync(rotationRegion, person: 21);
        Assert.StartsWith("old.", oldToken);

        var bothKeys = $"new:{ReliefApp.NewKeySecret};old:{ReliefApp.OldKeySecret}";
        await relief.RestartAsync(bothKeys, "new");
        await AssertPageAsync(oldToken, HttpStatusCode.OK, "同意");
        var second = await relief.SubmitAsync(ReliefApp.Request(rotationRegion, person: 22));
        var newToken = ReliefApp.TokenIn(await relief.WaitForApprovalMailAsync(second, district.Email));
        Assert.StartsWith("new.", newToken);

        await relief.RestartAsync($"new:{ReliefApp.NewKeySecret};old:{ReliefApp.OldKeySecret}:retired", "new");
        await AssertPageAsync(oldToken, HttpStatusCode.BadRequest, "签名密钥已停用");
        await AssertPageAsync(newToken, HttpStatusCode.OK, "同意");
    }

    /// <summary>An application in <paramref name="region"/> waiting on its district approver, and the link that approver was mailed.</summary>
    private async Task<(string ApplicationId, string Token)> AwaitingDistrictAsync(string region, int person)
    {
        await relief.PrepareRegionAsync(region, "100000.00");
        var applicationId = await relief.SubmitAsync(ReliefApp.Request(region, person));
        var district = ReliefApp.ApproverFor(ApprovalLevel.District, region, deputy: false);
        return (applicationId, ReliefApp.TokenIn(await relief.WaitForApprovalMailAsync(applicationId, district.Email)));
    }

    private async Task AssertPageAsync(string token, HttpStatusCode status, string text)
    {
        using var client = relief.Client(null);
        using var response = await client.GetAsync($"api/approvals/{token}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {html}");
        Assert.Contains(text, html);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    private static string Flip(string text)
    {
        var chars = text.ToCharArray();
        var middle = chars.Length / 2;
        chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
