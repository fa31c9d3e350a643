using Gonghui.Functions.Hotline.Domain;

namespace Gonghui.Functions.Tests.Hotline;

public sealed class TicketNumberTests
{
    [Fact]
    public void Formats_local_date_sequence_and_damm_check_digit()
    {
        // Check digits computed independently (Python, Damm's published table).
        Assert.Equal("261121-0042-7", new TicketNumber(new DateOnly(2026, 11, 21), 42).ToString());
        Assert.Equal("250101-0001-7", new TicketNumber(new DateOnly(2025, 1, 1), 1).ToString());
        Assert.Equal("261121-12345-9", new TicketNumber(new DateOnly(2026, 11, 21), 12345).ToString());
    }

    [Fact]
    public void The_date_is_the_local_date_of_receipt()
    {
        // 16:30Z on 20 November is 00:30 on 21 November in Beijing.
        var number = TicketNumber.For(new DateTimeOffset(2026, 11, 20, 16, 30, 0, TimeSpan.Zero), 42);
        Assert.Equal(new DateOnly(2026, 11, 21), number.LocalDate);
    }

    [Theory]
    [InlineData("261121-0042-7")]
    [InlineData("26112100427")]
    [InlineData(" 261121 0042 7 ")]
    public void Parses_as_typed(string text)
    {
        Assert.True(TicketNumber.TryParse(text, out var number));
        Assert.Equal(new TicketNumber(new DateOnly(2026, 11, 21), 42), number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("261121-0042")]       // no check digit
    [InlineData("261121-0042-3")]     // wrong check digit
    [InlineData("261321-0042-0")]     // month 13
    [InlineData("261121-00042-7")]    // another spelling of the sequence
    [InlineData("261121-0000-0")]     // sequence 0
    [InlineData("26112I-0042-7")]
    public void Refuses_malformed_numbers(string? text)
    {
        Assert.False(TicketNumber.TryParse(text, out _));
    }

    [Fact]
    public void Every_single_digit_slip_and_adjacent_swap_is_caught()
    {
        var digits = "26112100427";
        for (var i = 0; i < digits.Length; i++)
        {
            for (var d = '0'; d <= '9'; d++)
            {
                if (d != digits[i])
                {
                    Assert.False(TicketNumber.TryParse(digits[..i] + d + digits[(i + 1)..], out _), $"slip at {i} to {d}");
                }
            }

            if (i + 1 < digits.Length && digits[i] != digits[i + 1])
            {
                var swapped = digits[..i] + digits[i + 1] + digits[i] + digits[(i + 2)..];
                Assert.False(TicketNumber.TryParse(swapped, out _), $"swap at {i}");
            }
        }
    }
}
