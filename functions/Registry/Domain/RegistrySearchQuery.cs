namespace Gonghui.Functions.Registry.Domain;

/// <summary>
/// A search of the registry. Results come in a stable order (region code, name, record id); <see cref="After"/>
/// continues after the last result of the previous page. <see cref="Region"/> may be a district, city or province code.
/// </summary>
public sealed record RegistrySearchQuery
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public string? Name { get; init; }
    public NameMatch NameMatch { get; init; } = NameMatch.Exact;
    public string? Region { get; init; }
    public string? Award { get; init; }
    public int? Year { get; init; }
    public RecordStatus? Status { get; init; }
    public int PageSize { get; init; } = DefaultPageSize;
    public SearchPosition? After { get; init; }
}
