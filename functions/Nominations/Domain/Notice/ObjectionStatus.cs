using System.Text.Json.Serialization;

namespace Gonghui.Functions.Nominations.Domain.Notice;

[JsonConverter(typeof(JsonStringEnumConverter<ObjectionStatus>))]
public enum ObjectionStatus
{
    /// <summary>Filed: an investigation for the administrator is open.</summary>
    [JsonStringEnumMemberName("investigating")] Investigating = 1,

    /// <summary>Found true: the nomination is withdrawn from the list.</summary>
    [JsonStringEnumMemberName("upheld")] Upheld,

    /// <summary>Found untrue: the nomination stays.</summary>
    [JsonStringEnumMemberName("dismissed")] Dismissed,
}
