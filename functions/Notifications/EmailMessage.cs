namespace Gonghui.Functions.Notifications;

/// <summary>
/// An e-mail waiting in the notifications queue. <see cref="Key"/> identifies it across retries: the same key is
/// sent at most once while its record lasts, and becomes the Message-ID so mail clients drop a rare duplicate.
/// </summary>
public sealed record EmailMessage(
    string Key,
    string To,
    string Subject,
    string TextBody,
    string? HtmlBody = null);
