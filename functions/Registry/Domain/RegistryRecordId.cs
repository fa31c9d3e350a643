namespace Gonghui.Functions.Registry.Domain;

/// <summary>
/// A record's id: "mw-" and the first 32 hex characters of the national ID's keyed hash. Without the key the id says
/// nothing about the number; with it, the same person always finds the same record, so creating a person twice (two
/// staff, a retried request, an import run again) meets the first record instead of making a second.
/// </summary>
public static class RegistryRecordId
{
    public const string Prefix = "mw-";
    private const int HashCharacters = 32;

    public static string FromHash(string nationalIdHash) =>
        nationalIdHash.Length >= HashCharacters && nationalIdHash.All(char.IsAsciiHexDigitLower)
            ? Prefix + nationalIdHash[..HashCharacters]
            : throw new ArgumentException("A lower-case hex hash of at least 32 characters expected.", nameof(nationalIdHash));

    /// <summary>Whether text has the shape of a record id (safe as a table key).</summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: 35 } && text.StartsWith(Prefix, StringComparison.Ordinal) && !text.AsSpan(3).ContainsAnyExcept(LowerHexDigits);

    private static readonly System.Buffers.SearchValues<char> LowerHexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");
}
