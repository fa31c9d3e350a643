using System.Text;
using Gonghui.Functions.Nominations.Stores.Materials;

namespace Gonghui.Functions.Tests.Nominations;

public sealed class MaterialFormatsTests
{
    [Theory]
    [InlineData("25504446 2D312E37 0A", MaterialFormat.Pdf)]
    [InlineData("FFD8FFE0 00104A46 4946", MaterialFormat.Jpeg)]
    [InlineData("89504E47 0D0A1A0A 0000000D", MaterialFormat.Png)]
    [InlineData("4D5A9000 03000000", null)] // a Windows executable (MZ)
    [InlineData("7F454C46 02010100", null)] // ELF
    [InlineData("504B0304 14000600", null)] // ZIP, and so .docx
    [InlineData("89504E47", null)] // a truncated PNG signature
    [InlineData("", null)]
    public void Formats_are_known_by_their_first_bytes(string hex, MaterialFormat? expected) =>
        Assert.Equal(expected, MaterialFormats.Detect(Convert.FromHexString(hex.Replace(" ", ""))));

    [Fact]
    public void Text_naming_itself_a_pdf_is_not_one() =>
        Assert.Null(MaterialFormats.Detect(Encoding.UTF8.GetBytes(" %PDF-1.7 but text")));
}
