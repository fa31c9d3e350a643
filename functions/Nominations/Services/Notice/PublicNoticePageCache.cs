using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Gonghui.Functions.Nominations.Stores;

namespace Gonghui.Functions.Nominations.Services.Notice;

/// <summary>The public page as rendered, with the ETag of its bytes.</summary>
public sealed record RenderedNoticePage(string Html, string ETag, DateTimeOffset TokenIssuedAt, bool AcceptsObjections);

/// <summary>
/// The public notice page per campaign in this process. A campaign's board is read from storage at most once per
/// <see cref="Lifetime"/> (readers arriving meanwhile share the read in flight), and the page is rendered once per board
/// and form-token step, so a view costs no storage request. This process drops a campaign's board as soon as it
/// settles one of its objections; another instance's change shows here within <see cref="Lifetime"/>. Campaigns without
/// a notice are not kept (a miss is read again), so unknown ids cannot fill memory.
/// </summary>
public sealed class PublicNoticePageCache(CampaignStore campaigns, PublicNoticeStore notices, NominationStore nominations, ObjectionStore objections,
    ObjectionFormTokens tokens, TimeProvider clock)
{
    /// <summary>How long a board read from storage is shown: the longest an upheld objection settled elsewhere takes to show.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The page of the campaign's notice, or null when it has none.</summary>
    public async Task<RenderedNoticePage?> GetAsync(string campaignId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var entry = _entries.AddOrUpdate(campaignId, id => Read(id, now), (id, kept) => now < kept.ReadAt + Lifetime ? kept : Read(id, now));
        NoticeBoard? board;
        try
        {
            // The read is shared, so it runs to the end even when this reader leaves.
            board = await entry.Board.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _entries.TryRemove(KeyValuePair.Create(campaignId, entry));
            throw;
        }
        if (board is null)
        {
            _entries.TryRemove(KeyValuePair.Create(campaignId, entry));
            return null;
        }
        var issuedAt = ObjectionFormTokens.IssueTime(now);
        var accepts = board.Notice.Period.AcceptsObjections(now);
        if (entry.Page is { } page && page.TokenIssuedAt == issuedAt && page.AcceptsObjections == accepts) return page;
        var html = NoticePages.Board(board, now, PublicNoticeSettings.PagePath(campaignId), tokens.Issue(campaignId, now));
        // Two readers may render the same page at once; either copy is right.
        entry.Page = new RenderedNoticePage(html, ETagOf(html), issuedAt, accepts);
        return entry.Page;
    }

    /// <summary>Drops the campaign's page, so that the next view reads the notice afresh.</summary>
    public void Invalidate(string campaignId) => _entries.TryRemove(campaignId, out _);

    private Entry Read(string campaignId, DateTimeOffset now) =>
        new(now, new Lazy<Task<NoticeBoard?>>(() => NoticeBoard.ReadAsync(campaignId, campaigns, notices, nominations, objections, CancellationToken.None)));

    private static string ETagOf(string html) => $"\"{Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(html)).AsSpan(0, 16))}\"";

    private sealed class Entry(DateTimeOffset readAt, Lazy<Task<NoticeBoard?>> board)
    {
        public DateTimeOffset ReadAt { get; } = readAt;

        public Lazy<Task<NoticeBoard?>> Board { get; } = board;

        public volatile RenderedNoticePage? Page;
    }
}
