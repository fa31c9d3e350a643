using Gonghui.Storage.Tables;

namespace Gonghui.Storage.Tests;

public sealed class TableOdataFilterTests
{
    private enum Status
    {
        Open,
    }

    public static TheoryData<object?, string> Values => new()
    {
        { null, "null" },
        { "plain", "'plain'" },
        { "O'Brien", "'O''Brien'" },
        { "张三", "'张三'" },
        { "", "''" },
        { true, "true" },
        { false, "false" },
        { 42, "42" },
        { -7, "-7" },
        { 9_007_199_254_740_993L, "9007199254740993L" },
        { 2.5, "2.5" },
        { 2.0, "2.0" },
        { -0.1, "-0.1" },
        { 1e300, "1E+300" },
        { 1.5f, "1.5" },
        { double.NaN, "NaN" },
        { double.PositiveInfinity, "INF" },
        { double.NegativeInfinity, "-INF" },
        { new DateTimeOffset(2026, 11, 21, 16, 30, 15, TimeSpan.FromHours(8)).AddTicks(1234567), "datetime'2026-11-21T08:30:15.1234567Z'" },
        { new DateTime(2026, 11, 21, 8, 30, 15, DateTimeKind.Utc), "datetime'2026-11-21T08:30:15.0000000Z'" },
        { new DateTime(2026, 11, 21, 8, 30, 15, DateTimeKind.Unspecified), "datetime'2026-11-21T08:30:15.0000000Z'" },
        { Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), "guid'0f8fad5b-d9cb-469f-a165-70867728950e'" },
        { new byte[] { 0x0a, 0xff, 0x00 }, "X'0aff00'" },
        { new BinaryData(new byte[] { 0x12 }), "X'12'" },
        { Status.Open, "'Open'" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Every_supported_type_is_written_as_its_odata_literal(object? value, string expected) =>
        Assert.Equal(expected, TableOdataFilter.FormatValue(value));

    [Fact]
    public void A_local_datetime_is_converted_to_utc()
    {
        var local = new DateTime(2026, 11, 21, 8, 30, 15, DateTimeKind.Local);
        var expected = "datetime'" + local.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'") + "'";
        Assert.Equal(expected, TableOdataFilter.FormatValue(local));
    }

    [Fact]
    public void Create_escapes_every_interpolated_value_and_leaves_the_shape_alone()
    {
        var name = "x' or PartitionKey ne '";
        var since = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(
            "Name eq 'x'' or PartitionKey ne ''' and Created ge datetime'2026-01-01T00:00:00.0000000Z' and Count lt 5",
            TableOdataFilter.Create($"Name eq {name} and Created ge {since} and Count lt {5}"));
    }

    [Fact]
    public void Unsupported_types_are_refused_by_name()
    {
        var ex = Assert.Throws<NotSupportedException>(() => TableOdataFilter.FormatValue(1.5m));
        Assert.Contains("Decimal", ex.Message);
    }

    [Fact]
    public void And_parenthesises_clauses_and_skips_empty_ones()
    {
        Assert.Equal("(A eq 1) and (B eq 2)", TableOdataFilter.And("A eq 1", null, " ", "B eq 2"));
        Assert.Null(TableOdataFilter.And(null, ""));
    }
}
