using System.Text.Json;

namespace Gonghui.Storage.Tables;

/// <summary>
/// Property names seen at each position of the previous entity of a query page. Entities of one page nearly always
/// list the same properties in the same order, so a name is compared in place (no allocation) and its string reused,
/// instead of a new string per property per entity.
/// </summary>
internal sealed class TablePropertyNameCache
{
    private readonly List<string> _names = [];

    public string NameAt(int position, JsonProperty property)
    {
        if (position < _names.Count)
        {
            var cached = _names[position];
            if (property.NameEquals(cached))
                return cached;
            return _names[position] = property.Name;
        }
        var name = property.Name;
        _names.Add(name);
        return name;
    }
}
