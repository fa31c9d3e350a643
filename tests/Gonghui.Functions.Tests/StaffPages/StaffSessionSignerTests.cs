using Gonghui.Functions.StaffPages;

namespace Gonghui.Functions.Tests.StaffPages;

/// <summary>Session cookies and form tokens: only the key that made them reads them, unaltered and before they expire.</summary>
public sealed class StaffSessionSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private readonly StaffSessionSigner _signer = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void A_cookie_reads_back_as_its_ticket_until_it_expires()
    {
        var ticket = StaffSessionSigner.NewTicket("k0123456789abcdef", Now);
        var cookie = _signer.Protect(ticket);

        Assert.Equal(Now + StaffPagesSettings.SessionLifetime, ticket.ExpiresAt);
        Assert.Equal(ticket, _signer.Unprotect(cookie, Now.AddHours(7)));
        Assert.Null(_signer.Unprotect(cookie, ticket.ExpiresAt));
    }

    [Fact]
    public void An_altered_or_foreign_cookie_is_not_read()
    {
        var cookie = _signer.Protect(StaffSessionSigner.NewTicket("k0123456789abcdef", Now));
        var parts = cookie.Split('.');
        var otherSigner = new StaffSessionSigner(new byte[32]);

        Assert.Null(_signer.Unprotect(string.Join('.', "kfedcba9876543210", parts[1], parts[2], parts[3]), Now));
        Assert.Null(_signer.Unprotect(string.Join('.', parts[0], "99999999999", parts[2], parts[3]), Now));
        Assert.Null(_signer.Unprotect(cookie + "x", Now));
        Assert.Null(_signer.Unprotect("k1.2.3", Now));
        Assert.Null(_signer.Unprotect(null, Now));
        Assert.Null(otherSigner.Unprotect(cookie, Now));
    }

    [Fact]
    public void A_form_token_belongs_to_one_session()
    {
        var first = StaffSessionSigner.NewTicket("k1", Now);
        var second = StaffSessionSigner.NewTicket("k1", Now);

        Assert.NotEqual(first.SessionId, second.SessionId);
        Assert.True(_signer.IsFormTokenFor(first.SessionId, _signer.FormTokenFor(first.SessionId)));
        Assert.False(_signer.IsFormTokenFor(second.SessionId, _signer.FormTokenFor(first.SessionId)));
        Assert.False(_signer.IsFormTokenFor(first.SessionId, null));
        Assert.False(_signer.IsFormTokenFor(first.SessionId, ""));
    }
}
