using Azure;

namespace Gonghui.Durable;

/// <summary>Pages produced by a function from a continuation token (null for the first page).</summary>
internal sealed class DelegatePageable<T>(Func<string?, int?, Task<Page<T>>> fetchPage) : AsyncPageable<T> where T : notnull
{
    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        do
        {
            var page = await fetchPage(continuationToken, pageSizeHint).ConfigureAwait(false);
            continuationToken = page.ContinuationToken;
            yield return page;
        } while (!string.IsNullOrEmpty(continuationToken));
    }
}
