namespace Gonghui.Functions.Hotline;

public enum SlaEventKind
{
    AcceptanceWarning,
    AcceptanceBreach,
    ResolutionWarning,
    ResolutionBreach,

    /// <summary>Transferred too often: escalated for supervision (提级督办).</summary>
    TransferEscalation,
}
