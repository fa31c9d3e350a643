using System.Text;
using Gonghui.Functions.Approvals;

namespace Gonghui.Functions.Tests.Approvals;

public class ApprovalLinkTokensTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly ApprovalLinkKey Old = new("k2025", Enumerable.Repeat((byte)7, 32).ToArray());
    private static readonly ApprovalLinkKey New = new("k2026", Enumerable.Repeat((byte)9, 32).ToArray());

    private static ApprovalLinkTokens Tokens(string active = "k2025", params ApprovalLinkKey[] keys) =>
        new(new ApprovalLinkKeyRing(keys.Length == 0 ? [Old] : keys, active));

    private static IssuedApprovalLink IssueDefault(ApprovalLinkTokens tokens) =>
        tokens.Issue("rel-1-L1-R1", "district-chief", Now, Now.AddDays(14));

    [Fact]
    public void A_fresh_link_verifies_and_is_bound_to_its_task_and_approver()
    {
        var tokens = Tokens();
        var link = IssueDefault(tokens);
        var verification = tokens.Verify(link.Token, Now.AddDays(1), "rel-1-L1-R1", "district-chief");
        Assert.Equal(ApprovalLinkOutcome.Valid, verification.Outcome);
        Assert.Equal(link.Claims, verification.Claims);
        Assert.Equal("k2025", verification.Claims!.KeyId);
        Assert.True(link.Token.Length < 300, $"{link.Token.Length} characters");
        Assert.All(link.Token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.', $"'{c}' is not URL-safe"));
    }

    [Fact]
    public void Every_link_has_its_own_nonce_for_single_use()
    {
        var tokens = Tokens();
        var first = IssueDefault(tokens);
        var second = IssueDefault(tokens);
        Assert.NotEqual(first.Claims.Nonce, second.Claims.Nonce);
        Assert.NotEqual(first.Token, second.Token);
    }

    [Fact]
    public void Any_changed_character_in_payload_or_signature_is_tampering()
    {
        var tokens = Tokens();
        var token = IssueDefault(tokens).Token;
        var parts = token.Split('.');
        string Flip(string s, int i) => s[..i] + (s[i] == 'A' ? 'B' : 'A') + s[(i + 1)..];
        Assert.Equal(ApprovalLinkOutcome.Tampered, tokens.Verify($"{parts[0]}.{Flip(parts[1], 5)}.{parts[2]}", Now).Outcome);
        Assert.Equal(ApprovalLinkOutcome.Tampered, tokens.Verify($"{parts[0]}.{parts[1]}.{Flip(parts[2], 3)}", Now).Outcome);

        // A forged payload naming another approver, with the original signature.
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $$"""{"t":"rel-1-L1-R1","a":"mallory","n":"x","i":0,"e":{{Now.AddDays(9).ToUnixTimeSeconds()}}}"""))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(ApprovalLinkOutcome.Tampered, tokens.Verify($"{parts[0]}.{forged}.{parts[2]}", Now).Outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("k2025.payload")]
    [InlineData("k2025..sig")]
    [InlineData("k2025.eyJ0IjoxfQ.not-base64-!!")]
    public void Garbage_is_malformed(string token) =>
        Assert.Equal(ApprovalLinkOutcome.Malformed, Tokens().Verify(token, Now).Outcome);

    [Fact]
    public void Expired_link_is_refused_from_the_expiry_instant_on()
    {
        var tokens = Tokens();
        var link = IssueDefault(tokens);
        Assert.Equal(ApprovalLinkOutcome.Valid, tokens.Verify(link.Token, Now.AddDays(14).AddSeconds(-1)).Outcome);
        var expired = tokens.Verify(link.Token, Now.AddDays(14));
        Assert.Equal(ApprovalLinkOutcome.Expired, expired.Outcome);
        Assert.Equal("rel-1-L1-R1", expired.Claims!.TaskId);
    }

    [Fact]
    public void Another_approvers_or_another_tasks_link_is_refused()
    {
        var tokens = Tokens();
        var link = IssueDefault(tokens);
        Assert.Equal(ApprovalLinkOutcome.WrongBinding, tokens.Verify(link.Token, Now, "rel-1-L1-R1", "district-deputy").Outcome);
        Assert.Equal(ApprovalLinkOutcome.WrongBinding, tokens.Verify(link.Token, Now, "rel-1-L2-R1", "district-chief").Outcome);
    }

    [Fact]
    public void Unknown_key_id_is_refused()
    {
        var link = IssueDefault(Tokens("k2026", Old, New));
        Assert.Equal(ApprovalLinkOutcome.UnknownKey, Tokens("k2025", Old).Verify(link.Token, Now).Outcome);
    }

    [Fact]
    public void Rotated_key_links_stay_valid_until_the_key_is_retired()
    {
        var beforeRotation = IssueDefault(Tokens("k2025", Old));

        var rotated = Tokens("k2026", Old, New);
        var afterRotation = IssueDefault(rotated);
        Assert.Equal("k2026", afterRotation.Claims.KeyId);
        Assert.Equal(ApprovalLinkOutcome.Valid, rotated.Verify(beforeRotation.Token, Now).Outcome);
        Assert.Equal(ApprovalLinkOutcome.Valid, rotated.Verify(afterRotation.Token, Now).Outcome);

        var retired = Tokens("k2026", Old with { Retired = true }, New);
        Assert.Equal(ApprovalLinkOutcome.RetiredKey, retired.Verify(beforeRotation.Token, Now).Outcome);
        Assert.Equal(ApprovalLinkOutcome.Valid, retired.Verify(afterRotation.Token, Now).Outcome);
    }

    [Fact]
    public void Key_ring_reads_the_flat_setting_and_refuses_weak_or_inconsistent_keys()
    {
        var secret = Convert.ToBase64String(new byte[32]);
        var ring = ApprovalLinkKeyRing.Parse($"k2025:{secret}:retired; k2026:{secret}", "k2026");
        Assert.True(ring.Find("k2025")!.Retired);
        Assert.Equal("k2026", ring.ActiveKey.Id);
        Assert.Throws<ArgumentException>(() => ApprovalLinkKeyRing.Parse($"k2025:{secret}:retired", "k2025"));
        Assert.Throws<ArgumentException>(() => ApprovalLinkKeyRing.Parse($"k1:{Convert.ToBase64String(new byte[16])}", "k1"));
        Assert.Throws<ArgumentException>(() => ApprovalLinkKeyRing.Parse($"k1:{secret};k1:{secret}", "k1"));
        Assert.Throws<FormatException>(() => ApprovalLinkKeyRing.Parse("k1:not base64!", "k1"));
        var error = Assert.Throws<FormatException>(() => ApprovalLinkKeyRing.Parse($"k1:{secret}:old", "k1"));
        Assert.DoesNotContain(secret, error.Message);
    }

    [Fact]
    public void Form_token_belongs_to_one_link()
    {
        var tokens = Tokens();
        var first = IssueDefault(tokens).Claims;
        var second = IssueDefault(tokens).Claims;
        var formToken = tokens.CreateFormToken(first);
        Assert.True(tokens.IsValidFormToken(first, formToken));
        Assert.False(tokens.IsValidFormToken(second, formToken));
        Assert.False(tokens.IsValidFormToken(first, null));
        Assert.False(tokens.IsValidFormToken(first, "x"));
    }
}
