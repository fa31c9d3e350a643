namespace Gonghui.Functions.Approvals;

/// <summary>Field names of the confirmation page's form, for the POST handler to read.</summary>
public static class ApprovalForm
{
    public const string Decision = "decision";
    public const string Comment = "comment";
    public const string FormToken = "formToken";
}

/// <summary>
/// The confirmation page for GET /api/approvals/{token}. <paramref name="FormAction"/> is that same URL;
/// <paramref name="FormToken"/> comes from <see cref="ApprovalLinkTokens.CreateFormToken"/>.
/// </summary>
public sealed record ConfirmationPageModel(
    CaseSummary Summary,
    string Step,
    string ApproverName,
    string FormAction,
    string FormToken,
    DateTimeOffset LinkExpiresAt,
    int ReturnsLeft,
    int MaxCommentLength);
