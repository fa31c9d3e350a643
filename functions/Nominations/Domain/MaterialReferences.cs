namespace Gonghui.Functions.Nominations.Domain;

/// <summary>The materials a nomination's content refers to by a well-formed SHA-256, with the JSON path of each hash.</summary>
public static class MaterialReferences
{
    public static IEnumerable<(string Field, MaterialRef Material)> Of(NominationRequest content) =>
        (content.Materials ?? []).Select((material, i) => ($"materials[{i}].sha256", material))
        .Append(("staffVote.minutes.sha256", content.StaffVote?.Minutes))
        .Where(reference => reference.Item2?.Sha256 is { Length: 64 } sha && sha.All(char.IsAsciiHexDigitLower))
        .Select(reference => (reference.Item1, new MaterialRef(reference.Item2!.Kind ?? "", reference.Item2.Sha256!, reference.Item2.FileName ?? "")));
}
