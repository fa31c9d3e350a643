namespace Gonghui.Functions.Approvals;

public enum ApprovalLinkOutcome
{
    Valid = 1,

    /// <summary>Not shaped like a link token at all (cut off, garbled by a mail client).</summary>
    Malformed,

    /// <summary>Well-formed, but the signature does not match: altered or forged.</summary>
    Tampered,

    UnknownKey,

    /// <summary>Signed with a key that has since been retired.</summary>
    RetiredKey,

    Expired,

    /// <summary>Genuine, but for another task or another approver than the one asked about.</summary>
    WrongBinding,
}

/// <summary>
/// <see cref="Claims"/> is set for <see cref="ApprovalLinkOutcome.Valid"/>, and also for Expired and
/// WrongBinding (the signature held, so the page may say which task it was).
/// </summary>
public sealed record ApprovalLinkVerification(ApprovalLinkOutcome Outcome, ApprovalLinkClaims? Claims)
{
    public bool IsValid => Outcome == ApprovalLinkOutcome.Valid;
}
