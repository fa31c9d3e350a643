using Gonghui.Storage.Tables;

namespace Gonghui.Storage.Tests;

public sealed class TableEntityGetterTests
{
    [Fact]
    public void A_missing_property_reads_as_null_for_every_type()
    {
        var entity = new TableEntity("p", "r");
        Assert.Null(entity.GetString("Missing"));
        Assert.Null(entity.GetInt32("Missing"));
        Assert.Null(entity.GetInt64("Missing"));
        Assert.Null(entity.GetDouble("Missing"));
        Assert.Null(entity.GetBoolean("Missing"));
        Assert.Null(entity.GetGuid("Missing"));
        Assert.Null(entity.GetBinary("Missing"));
        Assert.Null(entity.GetDateTimeOffset("Missing"));
    }

    [Fact]
    public void Stored_zero_and_false_are_not_null()
    {
        var entity = new TableEntity("p", "r") { ["Zero"] = 0, ["No"] = false, ["Empty"] = Guid.Empty };
        Assert.Equal(0, entity.GetInt32("Zero"));
        Assert.Equal(0L, entity.GetInt64("Zero"));
        Assert.False(entity.GetBoolean("No"));
        Assert.Equal(Guid.Empty, entity.GetGuid("Empty"));
    }

    [Fact]
    public void A_property_of_another_type_is_a_clear_error()
    {
        var entity = new TableEntity("p", "r") { ["Text"] = "12" };
        var ex = Assert.Throws<InvalidOperationException>(() => entity.GetInt32("Text"));
        Assert.Contains("'Text' holds a String, not a Int32", ex.Message);
    }
}
