using System.Text.Json;
using Gonghui.Functions.Money;

namespace Gonghui.Functions.Tests.Money;

public class YuanTests
{
    [Theory]
    [InlineData("1234.50", 123450)]
    [InlineData("1234.5", 123450)]
    [InlineData("1234", 123400)]
    [InlineData("0.01", 1)]
    [InlineData("0", 0)]
    public void Parses_yuan_with_up_to_two_decimals(string text, long fen)
    {
        Assert.True(Yuan.TryParse(text, out var amount));
        Assert.Equal(fen, amount.Fen);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1.234")]
    [InlineData("1,234.00")]
    [InlineData("1e3")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("１２")]
    [InlineData("99999999999999")]
    [InlineData(" 12")]
    public void Refuses_anything_else(string text) => Assert.False(Yuan.TryParse(text, out _));

    [Fact]
    public void Formats_invariant_for_wire_and_grouped_for_people()
    {
        var amount = Yuan.FromFen(123456705);
        Assert.Equal("1234567.05", amount.ToString());
        Assert.Equal("1,234,567.05 元", amount.ToDisplayString());
        Assert.Equal("0.00", Yuan.Zero.ToString());
    }

    [Fact]
    public void Arithmetic_is_exact_and_never_goes_below_zero()
    {
        var a = Yuan.Parse("0.10");
        var b = Yuan.Parse("0.20");
        Assert.Equal(Yuan.Parse("0.30"), a + b);
        Assert.Equal(Yuan.Parse("0.10"), b - a);
        Assert.Throws<InvalidOperationException>(() => a - b);
        Assert.Throws<ArgumentOutOfRangeException>(() => Yuan.FromFen(-1));
        Assert.Equal(Yuan.Parse("2200.00"), Yuan.Parse("1100.00").TimesPercent(200));
    }

    [Fact]
    public void Json_writes_a_string_and_reads_string_or_number_without_floats()
    {
        Assert.Equal("\"1234.50\"", JsonSerializer.Serialize(Yuan.Parse("1234.5")));
        Assert.Equal(Yuan.Parse("1234.50"), JsonSerializer.Deserialize<Yuan>("\"1234.50\""));
        Assert.Equal(Yuan.Parse("0.29"), JsonSerializer.Deserialize<Yuan>("0.29"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Yuan>("\"-3\""));
    }
}
