namespace Gonghui.Functions.Approvals;

/// <summary>An e-mail ready to hand to SMTP: subject, HTML body and the plain-text alternative.</summary>
public sealed record RenderedEmail(string Subject, string HtmlBody, string TextBody);
