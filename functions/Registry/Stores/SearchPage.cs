using Gonghui.Functions.Registry.Domain;

namespace Gonghui.Functions.Registry.Stores;

/// <summary>One page of search results; <see cref="Next"/> continues after it, null on the last page.</summary>
public sealed record SearchPage(IReadOnlyList<RegistrySummary> Items, SearchPosition? Next);
