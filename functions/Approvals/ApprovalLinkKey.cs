namespace Gonghui.Functions.Approvals;

/// <summary>
/// One HMAC-SHA256 key for approval links. A retired key verifies nothing: links signed with it are
/// refused even before they expire.
/// </summary>
public sealed record ApprovalLinkKey(string Id, byte[] Secret, bool Retired = false);
