namespace Gonghui.Functions.Nominations.Stores.Materials;

/// <summary>A material in the store: named by the SHA-256 of its content (lower-case hex), its format and size.</summary>
/// <param name="Created">Whether this upload stored it (false: the same content was there already).</param>
public sealed record StoredMaterial(string Sha256, MaterialFormat Format, long Size, bool Created = false)
{
    public string ContentType => Format.ContentType();
}
