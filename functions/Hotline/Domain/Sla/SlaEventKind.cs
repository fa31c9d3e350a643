namespace Gonghui.Functions.Hotline.Domain;

public enum SlaEventKind
{
    AcceptanceWarning,
    AcceptanceBreach,
    ResolutionWarning,
    ResolutionBreach,

    /// <summary>Transferred too often: escalated for supervision (提级督办).</summary>
    TransferEscalation,

    /// <summary>
    /// The callback window after a resolution has passed without the caller reached: closed as "callback failed" when
    /// someone tried, flagged to the supervisor when nobody did.
    /// </summary>
    CallbackOverdue,
}
