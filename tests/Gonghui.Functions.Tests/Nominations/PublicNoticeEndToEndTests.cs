using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Nominations.Domain;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>
/// The notice through the app: three selected nominations published, the public page, one objection upheld and one
/// dismissed, the notice ending on its timer only once both are settled, the committee's approval by its link with the
/// app killed right after, the registry holding each winner once, and the unions told.
/// </summary>
[Collection(NominationsAppCollection.Name)]
public sealed class PublicNoticeEndToEndTests(NominationsApp app)
{
    private static readonly QuotaMixRule[] MayDayMix =
    [
        new("产业工人", [OccupationCategory.IndustrialWorker], 35),
        new("其他一线职工和专业技术人员", [OccupationCategory.FrontlineWorker, OccupationCategory.TechnicalStaff], 20),
    ];

    [Fact]
    public async Task Published_list_takes_objections_ends_after_settlement_and_the_committee_approval_files_each_winner_once()
    {
        await app.SetReviewersAsync();
        var campaign = await app.CreateNoticeCampaignAsync(noticeWorkingDays: 4, MayDayMix);
        var (key, unionId) = await app.CreateNominatorAsync();
        using var nominator = app.Client(key);
        var ids = await Task.WhenAll(
            app.NominateSelectedAsync(nominator, campaign.CampaignId, 301),
            app.NominateSelectedAsync(nominator, campaign.CampaignId, 302),
            app.NominateSelectedAsync(nominator, campaign.CampaignId, 303, "technical_staff"));
        var (upheldId, dismissedId, keptId) = (ids[0], ids[1], ids[2]);

        DateTimeOffset ends;
        using (var published = await app.PublishAsync(campaign.CampaignId))
        {
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
            var notice = await published.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(3, notice.GetProperty("entries").GetArrayLength());
            ends = notice.GetProperty("notice").GetProperty("period").GetProperty("ends").GetDateTimeOffset();
        }
        using (var again = await app.PublishAsync(campaign.CampaignId))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        using var anonymous = app.Client(null);
        string page;
        using (var opened = await anonymous.GetAsync($"api/notice/{campaign.CampaignId}"))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            Assert.StartsWith("default-src 'none'", opened.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("same-origin", opened.Headers.GetValues("Referrer-Policy").Single());
            page = await opened.Content.ReadAsStringAsync();
        }
        Assert.Contains("拟表彰对象公示", page);
        Assert.Contains("公示期", page);
        Assert.Contains("济南重型机械有限公司", page);
        Assert.Empty(NominationsApp.PersonalDataIn(page));

        string upheldRef, dismissedRef;
        using (var objected = await app.ObjectAsync(campaign.CampaignId, upheldId, "李明", "13812345678", "该同志所报技术革新成果系他人完成。", "10.1.0.1"))
        {
            Assert.Equal(HttpStatusCode.OK, objected.StatusCode);
            upheldRef = NominationsApp.ReferenceIn(await objected.Content.ReadAsStringAsync());
        }
        using (var objected = await app.ObjectAsync(campaign.CampaignId, dismissedId, "张华", "zhang.hua@example.com", "该同志带徒人数与事实不符。", "10.1.0.2"))
        {
            Assert.Equal(HttpStatusCode.OK, objected.StatusCode);
            dismissedRef = NominationsApp.ReferenceIn(await objected.Content.ReadAsStringAsync());
        }
        Assert.NotEmpty(upheldRef);
        var adminMail = await app.Maildev.WaitForEmailAsync(e => e.Subject?.Contains(upheldRef, StringComparison.Ordinal) == true, TimeSpan.FromSeconds(20));
        Assert.Contains("138****5678", adminMail.Text);
        Assert.DoesNotContain("13812345678", adminMail.Text + adminMail.Html);

        using var admin = app.Admin();
        var listed = await admin.GetStringAsync($"api/nominations/campaigns/{campaign.CampaignId}/objections");
        Assert.Contains("138****5678", listed);
        Assert.DoesNotContain("13812345678", listed);
        Assert.DoesNotContain("zhang.hua@example.com", listed);
        var full = await admin.GetFromJsonAsync<JsonElement>($"api/nominations/campaigns/{campaign.CampaignId}/objections/{upheldRef}");
        Assert.Equal("13812345678", full.GetProperty("contact").GetString());

        // The period ends, but two objections are under investigation: the committee hears nothing.
        var pastEnd = ends - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(4);
        if (pastEnd > TimeSpan.Zero) await Task.Delay(pastEnd);
        using (var closed = await app.ObjectAsync(campaign.CampaignId, keptId, "王五", "13900001111", "逾期异议。", "10.1.0.3", NominationsApp.FormTokenIn(page)))
            Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        await AssertNoCommitteeMailAsync(campaign.CampaignId);

        using (var settled = await admin.PostAsJsonAsync($"api/nominations/campaigns/{campaign.CampaignId}/objections/{upheldRef}/settlement",
                   new { outcome = "upheld", finding = "经向所在单位核实，技术革新成果确非本人主持。" }))
            Assert.Equal(HttpStatusCode.OK, settled.StatusCode);
        using (var twice = await admin.PostAsJsonAsync($"api/nominations/campaigns/{campaign.CampaignId}/objections/{upheldRef}/settlement",
                   new { outcome = "dismissed", finding = "改判" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
            Assert.Equal("already_settled", (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        await app.WaitForUnionMailAsync(unionId, upheldId, "公示异议成立");
        await app.WaitForNominationAsync(nominator, campaign.CampaignId, upheldId, n => NominationsApp.IsAt(n, "withdrawn"));
        Assert.Contains("已撤销（异议成立）", await anonymous.GetStringAsync($"api/notice/{campaign.CampaignId}"));
        await AssertNoCommitteeMailAsync(campaign.CampaignId);

        using (var settled = await admin.PostAsJsonAsync($"api/nominations/campaigns/{campaign.CampaignId}/objections/{dismissedRef}/settlement",
                   new { outcome = "dismissed", finding = "经核实，带徒 32 人，与材料一致。" }))
            Assert.Equal(HttpStatusCode.OK, settled.StatusCode);
        await app.WaitForUnionMailAsync(unionId, dismissedId, "公示异议不成立");

        var committeeMail = await app.WaitForCommitteeMailAsync(campaign.CampaignId, TimeSpan.FromSeconds(40));
        var token = NominationsApp.FinalApprovalTokenIn(committeeMail);
        var finalPage = await anonymous.GetStringAsync($"api/nominations/final-approval/{token}");
        Assert.Contains("已撤销（异议成立）", finalPage);
        Assert.Contains("批准最终名单", finalPage);
        Assert.Empty(NominationsApp.PersonalDataIn(finalPage));
        using (var crossSite = new HttpRequestMessage(HttpMethod.Post, $"api/nominations/final-approval/{token}")
               { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve", ["formToken"] = NominationsApp.FormTokenIn(finalPage) }) })
        {
            crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
            using var refused = await anonymous.SendAsync(crossSite);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using (var approved = await PostFinalApprovalAsync(token, NominationsApp.FormTokenIn(finalPage)))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            Assert.Contains("批准", await approved.Content.ReadAsStringAsync());
        }
        using (var reopened = await anonymous.GetAsync($"api/nominations/final-approval/{token}"))
            Assert.Contains("该事项已处理", await reopened.Content.ReadAsStringAsync());
        // Killed right after the approval: the awards and filings go on after the restart.
        await app.RestartAsync();
        using var nominatorAfter = app.Client(key);

        var recordIds = new List<string>();
        foreach (var id in new[] { dismissedId, keptId })
        {
            var awarded = await app.WaitForNominationAsync(nominatorAfter, campaign.CampaignId, id,
                n => n.GetProperty("history").EnumerateArray().Any(h => h.GetProperty("kind").GetString() == "filed"), TimeSpan.FromSeconds(60));
            Assert.Equal("awarded", awarded.GetProperty("status").GetString());
            var filed = awarded.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("kind").GetString() == "filed");
            recordIds.Add(filed.GetProperty("comment").GetString()!.Replace("劳模档案 ", "", StringComparison.Ordinal));
            await app.WaitForUnionMailAsync(unionId, id, "已批准表彰");
        }
        using var adminAfter = app.Admin();
        var approvedNotice = await adminAfter.GetFromJsonAsync<JsonElement>($"api/nominations/campaigns/{campaign.CampaignId}/notice");
        Assert.Equal("approved", approvedNotice.GetProperty("notice").GetProperty("status").GetString());
        Assert.Equal("withdrawn", (await nominatorAfter.GetFromJsonAsync<JsonElement>(
            $"api/nominations/campaigns/{campaign.CampaignId}/nominations/{upheldId}")).GetProperty("status").GetString());

        foreach (var recordId in recordIds)
        {
            var record = await adminAfter.GetFromJsonAsync<JsonElement>($"api/registry/records/{recordId}");
            var history = record.GetProperty("history").EnumerateArray().ToList();
            var created = Assert.Single(history);
            Assert.StartsWith("nomination|", created.GetProperty("actorId").GetString());
            var award = Assert.Single(record.GetProperty("record").GetProperty("awards").EnumerateArray());
            Assert.Equal(("provincial_may_day_medal", 2026), (award.GetProperty("kind").GetString(), award.GetProperty("year").GetInt32()));
        }

        // The filing run again (as a retried activity would) finds the record it made and writes nothing.
        var filings = RegistryFilingsOnAzurite();
        Assert.Equal(recordIds[1], await filings.FileAsync(campaign.CampaignId, keptId, DateTimeOffset.UtcNow, CancellationToken.None));
        var afterRetry = await adminAfter.GetFromJsonAsync<JsonElement>($"api/registry/records/{recordIds[1]}");
        Assert.Single(afterRetry.GetProperty("history").EnumerateArray());
        Assert.Equal(1, afterRetry.GetProperty("record").GetProperty("version").GetInt32());
    }

    private async Task AssertNoCommitteeMailAsync(string campaignId)
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.DoesNotContain(await app.Maildev.GetEmailsAsync(), e => e.Subject?.Contains(campaignId, StringComparison.Ordinal) == true
            && e.To?.Any(t => t.Address == NominationsApp.CommitteeEmail) == true);
    }

    private async Task<HttpResponseMessage> PostFinalApprovalAsync(string token, string formToken)
    {
        using var client = app.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/nominations/final-approval/{token}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve", ["formToken"] = formToken }),
        };
        request.Headers.Add("Origin", app.App.BaseAddress.GetLeftPart(UriPartial.Authority));
        return await client.SendAsync(request);
    }

    private Gonghui.Functions.Nominations.Services.RegistryFilings RegistryFilingsOnAzurite()
    {
        var tables = app.Azurite.CreateTableServiceClient();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Gonghui.Functions.Registry.RegistrySettings.NationalIdHashKeySetting] = Relief.Functions.ReliefApp.RegistryHashKey,
        }).Build();
        var registrySettings = new Gonghui.Functions.Registry.RegistrySettings(configuration);
        var registry = new Gonghui.Functions.Registry.Services.RegistryService(new Gonghui.Functions.Registry.Stores.RecordStore(tables),
            new Gonghui.Functions.Registry.Stores.SearchIndexStore(tables), new Gonghui.Functions.Registry.Stores.RevealAuditStore(tables), registrySettings,
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Gonghui.Functions.Registry.Services.RegistryService>.Instance);
        return new Gonghui.Functions.Nominations.Services.RegistryFilings(new Gonghui.Functions.Nominations.Stores.NominationStore(tables),
            new Gonghui.Functions.Nominations.Stores.CampaignStore(tables), registry, registrySettings,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Gonghui.Functions.Nominations.Services.RegistryFilings>.Instance);
    }
}
