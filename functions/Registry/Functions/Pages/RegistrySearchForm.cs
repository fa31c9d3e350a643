using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Registry.Functions.Pages;

/// <summary>The search page's filters as typed (query string), to show them again and to carry them to the next page and the export.</summary>
public sealed record RegistrySearchForm(string Name, string NameMatch, string Region, string Award, string Year, string Status, string Continuation)
{
    public static RegistrySearchForm From(IQueryCollection query) => new(query["name"].ToString(), query["nameMatch"].ToString(),
        query["region"].ToString(), query["award"].ToString(), query["year"].ToString(), query["status"].ToString(), query["continuation"].ToString());

    /// <summary>The filters as a query string (without the page position), "" when none is set.</summary>
    public string Filters()
    {
        var set = new[] { ("name", Name), ("nameMatch", NameMatch), ("region", Region), ("award", Award), ("year", Year), ("status", Status) }
            .Where(f => f.Item2.Length > 0)
            .Select(f => f.Item1 + "=" + Uri.EscapeDataString(f.Item2));
        return string.Join("&", set);
    }

    /// <summary>The query string of the page after this one.</summary>
    public string NextPage(string continuation) => (Filters() is { Length: > 0 } filters ? filters + "&" : "") + "continuation=" + Uri.EscapeDataString(continuation);
}
