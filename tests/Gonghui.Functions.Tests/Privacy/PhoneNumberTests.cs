using Gonghui.Functions.Privacy;

namespace Gonghui.Functions.Tests.Privacy;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("13812345678", "13812345678", "138****5678")]
    [InlineData(" 138 1234 5678 ", "13812345678", "138****5678")]
    [InlineData("+86 138-1234-5678", "13812345678", "138****5678")]
    [InlineData("008619912345678", "19912345678", "199****5678")]
    public void Mobile_numbers(string text, string normalized, string masked)
    {
        Assert.True(PhoneNumber.TryParse(text, out var number));
        Assert.Equal(PhoneNumberKind.Mobile, number.Kind);
        Assert.Null(number.AreaCode);
        Assert.Equal(normalized, number.Normalized);
        Assert.Equal(masked, number.Masked);
        Assert.Equal(masked, number.ToString());
    }

    [Theory]
    [InlineData("010-62345678", "010", "010-62345678", "010-****5678")]
    [InlineData("(021)52345678", "021", "021-52345678", "021-****5678")]
    [InlineData("0531 8234 5678", "0531", "0531-82345678", "0531-****5678")]
    [InlineData("0634-6234567", "0634", "0634-6234567", "0634-***4567")]
    [InlineData("+86 531 82345678", "0531", "0531-82345678", "0531-****5678")]
    public void Landlines_keep_their_area_code(string text, string area, string normalized, string masked)
    {
        Assert.True(PhoneNumber.TryParse(text, out var number));
        Assert.Equal(PhoneNumberKind.Landline, number.Kind);
        Assert.Equal(area, number.AreaCode);
        Assert.Equal(normalized, number.Normalized);
        Assert.Equal(masked, number.Masked);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12812345678")]     // 12x is not a mobile prefix
    [InlineData("1381234567")]      // 10 digits
    [InlineData("138123456789")]    // 12 digits
    [InlineData("1381234567a")]
    [InlineData("62345678")]        // landline without area code
    [InlineData("010-02345678")]    // subscriber starting with 0
    [InlineData("010-6234567")]     // Beijing numbers have 8 digits
    [InlineData("0531-123456")]     // subscriber starting with 1, too short
    [InlineData("0131-82345678")]   // no area code starts 01 other than 010
    [InlineData("138+12345678")]
    [InlineData("' or 1 eq 1")]
    [InlineData("1381234567８")]    // full-width digit
    public void Invalid_forms_are_refused(string? text)
    {
        Assert.False(PhoneNumber.TryParse(text, out _));
    }

    [Fact]
    public void Keyed_hash_matches_equal_numbers_in_any_form_and_depends_on_the_key()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var hasher = new PhoneNumberHasher(key);
        var a = hasher.Hash(PhoneNumber.Parse("138 1234 5678"));
        var b = hasher.Hash(PhoneNumber.Parse("+86-13812345678"));
        Assert.Equal(a, b);
        Assert.Equal(64, a.Length);
        Assert.NotEqual(a, hasher.Hash(PhoneNumber.Parse("13812345679")));

        var otherKey = key.ToArray();
        otherKey[0] = 99;
        Assert.NotEqual(a, new PhoneNumberHasher(otherKey).Hash(PhoneNumber.Parse("13812345678")));

        // HMAC-SHA256 of "13812345678" under key 00..1f, computed independently with Python's hmac module.
        Assert.Equal("05ec8d79e8cc09ed99aa938b4d7714e3d1bafdeefa21bb9f942fb862f50cfcd2", a);
    }

    [Fact]
    public void Short_keys_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new PhoneNumberHasher(new byte[16]));
    }
}
