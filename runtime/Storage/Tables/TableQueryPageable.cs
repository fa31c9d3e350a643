using Azure;

namespace Gonghui.Storage.Tables;

/// <summary>
/// Pages through a query by the service's continuation tokens. A page's continuation token can be handed
/// back to <see cref="AsPages"/> to resume from there (it is "NextPartitionKey NextRowKey").
/// </summary>
internal sealed class TableQueryPageable(
    Func<string?, int?, CancellationToken, Task<Page<TableEntity>>> fetchPage,
    int? defaultPageSize,
    CancellationToken cancellationToken) : AsyncPageable<TableEntity>(cancellationToken)
{
    public override async IAsyncEnumerable<Page<TableEntity>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        do
        {
            var page = await fetchPage(continuationToken, pageSizeHint ?? defaultPageSize, CancellationToken).ConfigureAwait(false);
            continuationToken = page.ContinuationToken;
            yield return page;
        } while (!string.IsNullOrEmpty(continuationToken));
    }
}
