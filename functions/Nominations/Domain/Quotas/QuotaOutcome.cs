using System.Text.Json.Serialization;

namespace Gonghui.Functions.Nominations.Domain.Quotas;

[JsonConverter(typeof(JsonStringEnumConverter<QuotaOutcome>))]
public enum QuotaOutcome
{
    /// <summary>A place was taken for the nomination.</summary>
    [JsonStringEnumMemberName("reserved")] Reserved = 1,

    /// <summary>The nomination held a place already (a repeated step); nothing changed.</summary>
    [JsonStringEnumMemberName("already_reserved")] AlreadyReserved,

    /// <summary>Every place is taken.</summary>
    [JsonStringEnumMemberName("full")] Full,

    /// <summary>The campaign gives this region no places at this level.</summary>
    [JsonStringEnumMemberName("no_quota")] NoQuota,
}
