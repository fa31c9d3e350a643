using System.Text.Json.Serialization;

namespace Gonghui.Functions.Nominations.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<Gender>))]
public enum Gender
{
    [JsonStringEnumMemberName("male")] Male = 1,
    [JsonStringEnumMemberName("female")] Female,
}

public static class GenderNames
{
    /// <summary>"男", "女".</summary>
    public static string ChineseName(this Gender gender) => gender == Gender.Male ? "男" : "女";
}
