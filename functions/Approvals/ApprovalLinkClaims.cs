namespace Gonghui.Functions.Approvals;

/// <summary>
/// What a link says, once verified. <see cref="Nonce"/> is unique per issued link: the store records
/// it when the link is issued and when it is used, which is how single use and "who decided when"
/// are answered (the token itself cannot know it was used).
/// </summary>
public sealed record ApprovalLinkClaims(
    string KeyId,
    string TaskId,
    string ApproverId,
    string Nonce,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);

/// <summary>A freshly signed link: the token for the URL and the claims to record.</summary>
public sealed record IssuedApprovalLink(string Token, ApprovalLinkClaims Claims);
