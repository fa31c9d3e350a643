using Gonghui.Functions.Hotline.Domain;
using static Gonghui.Functions.Tests.Hotline.HotlineTestData;

namespace Gonghui.Functions.Tests.Hotline;

public sealed class DuplicateRuleTests
{
    private static readonly TimeSpan Window = HotlinePolicy.Default.DuplicateWindow;
    private static readonly DateTimeOffset At = Local(2026, 11, 20, 10, 0);
    private static readonly DuplicateCandidate Earlier = new("t-1", "hash-a", TicketCategory.Rights, At, null);

    [Fact]
    public void Same_phone_and_category_within_24_hours_is_a_possible_duplicate()
    {
        Assert.True(DuplicateRule.IsPossibleDuplicate(Earlier with { TicketId = "t-2", ReceivedAt = At.AddHours(24) }, Earlier, Window));
        Assert.True(DuplicateRule.IsPossibleDuplicate(Earlier with { TicketId = "t-2" }, Earlier, Window));
    }

    [Fact]
    public void Anything_else_is_not()
    {
        Assert.False(DuplicateRule.IsPossibleDuplicate(Earlier with { TicketId = "t-2", ReceivedAt = At.AddHours(24).AddSeconds(1) }, Earlier, Window));
        Assert.False(DuplicateRule.IsPossibleDuplicate(Earlier with { TicketId = "t-2", PhoneHash = "hash-b" }, Earlier, Window));
        Assert.False(DuplicateRule.IsPossibleDuplicate(Earlier with { TicketId = "t-2", Category = TicketCategory.Hardship }, Earlier, Window));
        Assert.False(DuplicateRule.IsPossibleDuplicate(Earlier, Earlier, Window));
        Assert.False(DuplicateRule.IsPossibleDuplicate(Earlier with { TicketId = "t-0", ReceivedAt = At.AddHours(-1) }, Earlier, Window));
    }

    [Fact]
    public void Links_to_the_earliest_match_and_through_merges_to_the_original()
    {
        var next = Earlier with { TicketId = "t-9", ReceivedAt = At.AddHours(5) };
        var candidates = new[]
        {
            Earlier with { TicketId = "t-3", ReceivedAt = At.AddHours(2) },
            Earlier with { TicketId = "t-2", ReceivedAt = At.AddHours(1), MergedInto = "t-0" },
            Earlier with { TicketId = "t-4", PhoneHash = "hash-b", ReceivedAt = At },
        };
        Assert.Equal("t-0", DuplicateRule.FindOriginal(next, candidates, Window));
        Assert.Equal("t-3", DuplicateRule.FindOriginal(next, candidates.Where(c => c.TicketId != "t-2"), Window));
        Assert.Null(DuplicateRule.FindOriginal(next, [], Window));
    }

    [Fact]
    public void A_flagged_ticket_is_opened_with_its_link_not_refused()
    {
        var result = Workflow.Open("t-2", TicketNumber.For(At, 2), Intake(), "hash", "t-1", Operator, At);
        Assert.True(result.Succeeded);
        Assert.Equal("t-1", result.Ticket.PossibleDuplicateOf);
        Assert.Equal("t-1", result.Entry.Details["possibleDuplicateOf"]);
        Assert.Equal(DuplicateCandidate.Of(result.Ticket), new DuplicateCandidate("t-2", "hash", TicketCategory.Consultation, At, null));
    }
}
