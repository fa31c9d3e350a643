namespace Gonghui.Functions.Approvals;

/// <summary>
/// What an approver sees about a case, as labelled rows. Whoever builds it masks personal data
/// first: pages and e-mails show these values as they are (HTML-encoded).
/// </summary>
public sealed record CaseSummary(string Title, string Reference, IReadOnlyList<SummaryRow> Rows);

public sealed record SummaryRow(string Label, string Value);
