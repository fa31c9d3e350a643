using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gonghui.Functions.Validation;

/// <summary>
/// The names enum values have in JSON (as <c>AppJson</c> writes them), for query strings, form fields, table columns and
/// texts: a member's <see cref="JsonStringEnumMemberNameAttribute"/>, else its name in snake_case (LegalAid ↔ "legal_aid").
/// Parsing is exact and case-sensitive, and never accepts numbers, so "1" or "LegalAid" are unknown.
/// </summary>
public static class WireNames<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToFrozenDictionary(value => value, NameOf);

    private static readonly FrozenDictionary<string, TEnum> Values =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => Values.Keys;

    public static string Of(TEnum value) => Names[value];

    public static bool TryParse(string? name, out TEnum value)
    {
        value = default;
        return name is not null && Values.TryGetValue(name, out value);
    }

    /// <summary>A name the app wrote itself (a stored column): an unknown one means the data is wrong, not the caller.</summary>
    public static TEnum Parse(string? name) =>
        TryParse(name, out var value) ? value : throw new InvalidOperationException($"Unknown {typeof(TEnum).Name} '{name}'.");

    private static string NameOf(TEnum value)
    {
        var member = value.ToString();
        return typeof(TEnum).GetField(member)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(member);
    }
}
