using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Nominations.Domain.Quotas;

/// <summary>The places one region's union has at one level of one campaign.</summary>
public sealed record QuotaKey(string CampaignId, ReviewLevel Level, string RegionCode)
{
    /// <summary>"may-day-2026|county|370102": safe as a table partition key.</summary>
    public override string ToString() => $"{CampaignId}|{WireNames<ReviewLevel>.Of(Level)}|{RegionCode}";
}
