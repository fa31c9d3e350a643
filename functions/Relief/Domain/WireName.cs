using System.Reflection;
using System.Text.Json.Serialization;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// The JSON names of an enum's members (from <see cref="JsonStringEnumMemberNameAttribute"/>), for
/// parsing query strings, form fields and request text the same way the JSON serializer does.
/// </summary>
public static class WireName<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> ByName = Enum.GetValues<TEnum>().ToDictionary(Of, StringComparer.Ordinal);

    public static string Of(TEnum value) =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString();

    public static bool TryParse(string? name, out TEnum value) => ByName.TryGetValue(name ?? "", out value);
}
