using System.Text;

namespace Gonghui.Functions.Registry.Import;

/// <summary>
/// The text encoding of an uploaded file: UTF-8 (with or without a BOM) when the bytes are valid UTF-8, else GB18030, what
/// Excel saves Chinese CSV in on most union PCs. GB18030 text is almost never valid UTF-8, so the test is reliable.
/// </summary>
public static class ImportEncoding
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    static ImportEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    public static string Decode(byte[] bytes)
    {
        var body = bytes.AsSpan().StartsWith(Utf8Bom) ? bytes.AsSpan(Utf8Bom.Length) : bytes.AsSpan();
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return Gb18030.GetString(bytes);
        }
    }
}
