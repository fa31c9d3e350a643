namespace Gonghui.Functions.Hotline.Domain;

/// <summary>Stable codes of ticket rejections (field errors use "{field}.{reason}").</summary>
public static class TicketErrorCodes
{
    public const string TransitionNotAllowed = "ticket.transition_not_allowed";
    public const string WaitingOnCaller = "ticket.waiting_on_caller";
    public const string NotWaitingOnCaller = "ticket.not_waiting_on_caller";
    public const string SameUnit = "ticket.transfer_same_unit";
    public const string ReopenWindowExpired = "ticket.reopen_window_expired";
    public const string Merged = "ticket.merged";
    public const string MergeIntoSelf = "ticket.merge_into_self";
    public const string MergeTargetMerged = "ticket.merge_target_merged";
    public const string DuplicateAlreadyRecorded = "ticket.duplicate_already_recorded";
    public const string CallbackNotConsented = "ticket.callback_not_consented";
    public const string SlaEventNotDue = "ticket.sla_event_not_due";
    public const string RoleNotAllowed = "ticket.role_not_allowed";
    public const string NotYourUnit = "ticket.not_your_unit";
}
