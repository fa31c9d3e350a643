using Azure;

namespace Gonghui.Testing;

public static class AsyncPageableExtensions
{
    public static async Task<List<T>> ToListAsync<T>(this AsyncPageable<T> pageable) where T : notnull
    {
        var list = new List<T>();
        await foreach (var item in pageable)
            list.Add(item);
        return list;
    }
}
