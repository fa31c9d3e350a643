using Gonghui.Functions.Privacy;

namespace Gonghui.Functions.Tests.Privacy;

public class NationalIdTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Theory]
    [InlineData("11010519491231002X", "11010519491231002X")]
    [InlineData("11010519491231002x", "11010519491231002X")]
    [InlineData(" 440304199001011233 ", "440304199001011233")]
    [InlineData("４４０３０４１９９００１０１１２３３", "440304199001011233")]
    [InlineData("110101200002290018", "110101200002290018")]
    public void Accepts_valid_numbers_in_canonical_form(string typed, string canonical)
    {
        var check = NationalId.Validate(typed, Today);
        Assert.True(check.IsValid, check.ErrorCode);
        Assert.Equal(canonical, check.CanonicalId);
    }

    [Theory]
    [InlineData(null, NationalIdProblem.Missing, "required")]
    [InlineData("1101051949123100", NationalIdProblem.WrongLength, "national_id_length")]
    [InlineData("110105194912310021A", NationalIdProblem.WrongLength, "national_id_length")]
    [InlineData("11010519491231A02X", NationalIdProblem.InvalidCharacters, "national_id_characters")]
    [InlineData("990105194912310029", NationalIdProblem.UnknownRegion, "national_id_region")]
    [InlineData("110105194902300029", NationalIdProblem.InvalidBirthDate, "national_id_birth_date")]
    [InlineData("110105203001010022", NationalIdProblem.InvalidBirthDate, "national_id_birth_date")]
    [InlineData("110105194912310021", NationalIdProblem.WrongCheckDigit, "national_id_check_digit")]
    public void Names_what_is_wrong(string? typed, NationalIdProblem problem, string code)
    {
        var check = NationalId.Validate(typed, Today);
        Assert.False(check.IsValid);
        Assert.Equal(problem, check.Problem);
        Assert.Equal(code, check.ErrorCode);
        Assert.False(string.IsNullOrEmpty(check.ErrorMessage));
    }

    [Fact]
    public void Check_character_follows_iso_7064_mod_11_2() =>
        Assert.Equal('X', NationalId.CheckCharacter("11010519491231002"));

    [Theory]
    [InlineData("11010519491231002X", "110105********002X")]
    [InlineData("11010519491231002x", "110105********002X")]
    [InlineData("1101051949", "**********")]
    [InlineData("", "")]
    public void Masking_keeps_region_and_last_four_and_hides_birth_date(string id, string masked) =>
        Assert.Equal(masked, NationalId.Mask(id));

    [Fact]
    public void Keyed_hash_is_stable_across_spellings_and_depends_on_the_key()
    {
        var hasher = new NationalIdHasher(new byte[32]);
        var other = new NationalIdHasher(Enumerable.Repeat((byte)1, 32).ToArray());
        Assert.Equal(hasher.Hash("11010519491231002X"), hasher.Hash(" 11010519491231002x"));
        Assert.NotEqual(hasher.Hash("11010519491231002X"), other.Hash("11010519491231002X"));
        Assert.DoesNotContain("19491231", hasher.Hash("11010519491231002X"));
    }
}
