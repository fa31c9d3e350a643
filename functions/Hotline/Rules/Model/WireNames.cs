using System.Collections.Frozen;
using System.Text;

namespace Gonghui.Functions.Hotline;

/// <summary>
/// The snake_case names enum values have on the wire and in storage (LegalAid ↔ "legal_aid").
/// Parsing is exact and case-sensitive, and never accepts numbers, so "1" or "LegalAid" are unknown.
/// </summary>
public static class WireNames<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToFrozenDictionary(value => value, value => ToSnakeCase(value.ToString()));

    private static readonly FrozenDictionary<string, TEnum> Values =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => Values.Keys;

    public static string Of(TEnum value) => Names[value];

    public static bool TryParse(string? name, out TEnum value)
    {
        value = default;
        return name is not null && Values.TryGetValue(name, out value);
    }

    private static string ToSnakeCase(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
