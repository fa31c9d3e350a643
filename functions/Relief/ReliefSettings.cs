using Gonghui.Functions.Approvals;
using Gonghui.Functions.Privacy;
using Microsoft.Extensions.Configuration;
using Gonghui.Functions.Relief.Functions.Approval;

namespace Gonghui.Functions.Relief;

/// <summary>
/// Relief settings. Approval-link keys at the root as the approvals README names them
/// (<c>Gonghui:Approvals:LinkKeys</c>, <c>Gonghui:Approvals:ActiveKeyId</c>); the rest under <c>Gonghui:Relief</c>
/// (env <c>Gonghui__PublicBaseUrl</c>, ...). Read when relief is first used, so an app run without them
/// still starts and only relief refuses to work.
/// </summary>
public sealed class ReliefSettings
{
    public const string DefaultPublicBaseUrl = "http://127.0.0.1:7071";

    /// <summary>Where approvers' browsers reach this app; approval links are built on it.</summary>
    public required string PublicBaseUrl { get; init; }

    /// <summary>Where unit notifications go when the submitting unit has no contact on file.</summary>
    public required string DefaultUnitEmail { get; init; }

    /// <summary>
    /// Crash tests only (Gonghui:Relief:FaultInjection:HangAfterPaymentStored): the payment activity stops right after storing
    /// the instruction, so a test can kill the process inside the window a crash must survive.
    /// </summary>
    public bool HangAfterPaymentStored { get; init; }

    /// <summary>
    /// Timer tests only (Gonghui:Relief:Testing:WorkingDayLength, e.g. 00:00:02): approval deadlines count working days
    /// of this length instead of the State Council calendar's, so reminders, escalation and expiry come from the running
    /// orchestration's durable timers within seconds. Applications keep the value they were submitted with.
    /// </summary>
    public TimeSpan? WorkingDayLength { get; init; }

    public required ApprovalLinkKeyRing Keys { get; init; }
    public required NationalIdHasher NationalIdHasher { get; init; }

    public static ReliefSettings From(IConfiguration configuration)
    {
        var keys = configuration["Gonghui:Approvals:LinkKeys"];
        var active = configuration["Gonghui:Approvals:ActiveKeyId"];
        if (string.IsNullOrWhiteSpace(keys) || string.IsNullOrWhiteSpace(active))
            throw new InvalidOperationException("Relief needs the settings Gonghui:Approvals:LinkKeys and Gonghui:Approvals:ActiveKeyId (see local.settings.sample.json).");
        var hashKey = configuration["Gonghui:Relief:NationalIdHashKey"];
        if (string.IsNullOrWhiteSpace(hashKey))
            throw new InvalidOperationException("Relief needs the setting Gonghui:Relief:NationalIdHashKey (base64, at least 32 bytes).");
        return new ReliefSettings
        {
            PublicBaseUrl = (configuration["Gonghui:PublicBaseUrl"] is { Length: > 0 } url ? url : DefaultPublicBaseUrl).TrimEnd('/'),
            DefaultUnitEmail = configuration["Gonghui:Relief:DefaultUnitEmail"] is { Length: > 0 } email ? email : "relief-desk@gonghui.local",
            HangAfterPaymentStored = configuration.GetValue("Gonghui:Relief:FaultInjection:HangAfterPaymentStored", false),
            WorkingDayLength = configuration.GetValue<TimeSpan?>("Gonghui:Relief:Testing:WorkingDayLength"),
            Keys = ApprovalLinkKeyRing.Parse(keys, active),
            NationalIdHasher = new NationalIdHasher(Convert.FromBase64String(hashKey)),
        };
    }

    public string ApprovalLinkUrl(string token) => PublicBaseUrl + ApprovalLinkFunction.PathOf(token);
}
