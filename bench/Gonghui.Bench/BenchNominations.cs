using System.Globalization;
using Gonghui.Functions.Hotline;
using Gonghui.Functions.Nominations;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Privacy;

namespace Gonghui.Bench;

/// <summary>What the nomination benchmarks share: the app's settings, a campaign open now and complete nominations of numbered people in county 370102.</summary>
public static class BenchNominations
{
    public const string County = "370102";

    /// <summary>The nominations' national ID hash key in the benchmarks' app.</summary>
    public static readonly byte[] HashKey = Enumerable.Repeat((byte)3, 32).ToArray();

    /// <summary>The app's settings on that storage: quiet logs, the hash keys it needs to start, the approval-link key.</summary>
    public static Dictionary<string, string?> AppSettings(string storageConnectionString) => new()
    {
        ["AzureWebJobsStorage"] = storageConnectionString,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging:LogLevel:Default"] = "Warning",
        [NominationsSettings.NationalIdHashKeySetting] = Convert.ToBase64String(HashKey),
        ["Gonghui:Approvals:LinkKeys"] = "bench:" + Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()),
        ["Gonghui:Approvals:ActiveKeyId"] = "bench",
        ["Gonghui:Relief:NationalIdHashKey"] = Convert.ToBase64String(Enumerable.Repeat((byte)9, 32).ToArray()),
        [HotlineServiceCollectionExtensions.PhoneHashKeySetting] = Convert.ToBase64String(Enumerable.Repeat((byte)5, 32).ToArray()),
    };

    /// <summary>A campaign open from yesterday for a month with those places.</summary>
    public static Campaign OpenCampaign(string campaignId, string name, AwardType award, IReadOnlyList<RegionQuota> quotas)
    {
        var now = DateTimeOffset.UtcNow;
        return new Campaign
        {
            CampaignId = campaignId,
            Name = name,
            Award = award,
            Year = 2026,
            AwardingBody = "山东省总工会",
            Window = new NominationWindow(now.AddDays(-1), now.AddDays(30)),
            Quotas = quotas,
        };
    }

    /// <summary>A complete nomination of person <paramref name="person"/> (a distinct national ID for each), an industrial worker, no materials.</summary>
    public static NominationRequest Of(int person)
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(person);
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{County}{birth:yyyyMMdd}{person % 1000:D3}");
        return new NominationRequest(
            new NomineeRequest($"职工{person}", person % 2 == 1 ? "male" : "female", birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                first17 + NationalId.CheckCharacter(first17), $"济南第{person}机械厂", "高级技师", "industrial_worker", null, IsUnitLeader: false),
            string.Concat(Enumerable.Repeat("扎根一线二十年，主持技术革新，带徒数十人。", 12)), [], [], null);
    }
}
