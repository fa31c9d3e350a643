namespace Gonghui.Functions.Nominations.Stores.Materials;

/// <summary>The file formats a material may have, each known by its first bytes, never by its name.</summary>
public enum MaterialFormat
{
    Pdf = 1,
    Jpeg,
    Png,
}

public static class MaterialFormats
{
    private static ReadOnlySpan<byte> PdfSignature => "%PDF-"u8;
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The format the content starts like, or null for anything else (an executable, text, an archive...).</summary>
    public static MaterialFormat? Detect(ReadOnlySpan<byte> content) =>
        content.StartsWith(PdfSignature) ? MaterialFormat.Pdf
        : content.StartsWith(PngSignature) ? MaterialFormat.Png
        : content.StartsWith(JpegSignature) ? MaterialFormat.Jpeg
        : null;

    public static string ContentType(this MaterialFormat format) => format switch
    {
        MaterialFormat.Pdf => "application/pdf",
        MaterialFormat.Jpeg => "image/jpeg",
        MaterialFormat.Png => "image/png",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static MaterialFormat? FromContentType(string? contentType) => contentType switch
    {
        "application/pdf" => MaterialFormat.Pdf,
        "image/jpeg" => MaterialFormat.Jpeg,
        "image/png" => MaterialFormat.Png,
        _ => null,
    };
}
