using System.Text.Json;
using Azure;
using Gonghui.Storage.Tables;

namespace Gonghui.Storage.Tests;

public sealed class TableEntityJsonTests
{
    private enum Priority
    {
        Urgent,
    }

    private static JsonElement Write(TableEntity entity) =>
        JsonDocument.Parse(TableEntityJson.Serialize(entity)).RootElement;

    private static TableEntity Read(string json, string? etag = null) =>
        TableEntityJson.ReadEntity(JsonDocument.Parse(json).RootElement, etag);

    [Fact]
    public void Every_type_is_written_with_the_annotation_the_service_needs()
    {
        var json = Write(new TableEntity("p", "r")
        {
            ["Text"] = "张三",
            ["Int32"] = 42,
            ["Int64"] = 9_007_199_254_740_993L,
            ["Double"] = 0.1,
            ["Flag"] = true,
            ["When"] = new DateTimeOffset(2026, 11, 21, 16, 30, 15, TimeSpan.FromHours(8)).AddTicks(1234567),
            ["Id"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
            ["Bytes"] = new byte[] { 0, 1, 255 },
            ["Data"] = new BinaryData(new byte[] { 7 }),
            ["Level"] = Priority.Urgent,
        });

        Assert.Equal("p", json.GetProperty("PartitionKey").GetString());
        Assert.Equal("张三", json.GetProperty("Text").GetString());
        Assert.Equal(42, json.GetProperty("Int32").GetInt32());
        Assert.False(json.TryGetProperty("Int32@odata.type", out _));
        Assert.Equal("9007199254740993", json.GetProperty("Int64").GetString());
        Assert.Equal("Edm.Int64", json.GetProperty("Int64@odata.type").GetString());
        Assert.Equal(0.1, json.GetProperty("Double").GetDouble());
        Assert.Equal("Edm.Double", json.GetProperty("Double@odata.type").GetString());
        Assert.True(json.GetProperty("Flag").GetBoolean());
        Assert.Equal("2026-11-21T08:30:15.1234567Z", json.GetProperty("When").GetString());
        Assert.Equal("Edm.DateTime", json.GetProperty("When@odata.type").GetString());
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", json.GetProperty("Id").GetString());
        Assert.Equal("Edm.Guid", json.GetProperty("Id@odata.type").GetString());
        Assert.Equal("AAH/", json.GetProperty("Bytes").GetString());
        Assert.Equal("Edm.Binary", json.GetProperty("Bytes@odata.type").GetString());
        Assert.Equal("Edm.Binary", json.GetProperty("Data@odata.type").GetString());
        Assert.Equal("Urgent", json.GetProperty("Level").GetString());
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Non_finite_doubles_are_written_as_annotated_strings_and_read_back(double value, string text)
    {
        var json = Write(new TableEntity("p", "r") { ["D"] = value });
        Assert.Equal(text, json.GetProperty("D").GetString());
        Assert.Equal("Edm.Double", json.GetProperty("D@odata.type").GetString());

        Assert.Equal(value, Read(json.GetRawText()).GetDouble("D"));
    }

    [Fact]
    public void Nulls_timestamp_and_odata_metadata_are_not_written()
    {
        var json = Write(new TableEntity("p", "r")
        {
            ["Missing"] = null,
            [TableEntity.TimestampName] = DateTimeOffset.UtcNow,
            ["odata.etag"] = "W/\"x\"",
        });
        Assert.Equal(["PartitionKey", "RowKey"], json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Datetimes_keep_every_tick_and_unspecified_kind_means_utc()
    {
        var precise = new DateTimeOffset(2026, 11, 21, 8, 30, 15, TimeSpan.Zero).AddTicks(1);
        var json = Write(new TableEntity("p", "r")
        {
            ["Precise"] = precise,
            ["Unspecified"] = new DateTime(2026, 11, 21, 8, 30, 15, DateTimeKind.Unspecified),
            ["Utc"] = new DateTime(2026, 11, 21, 8, 30, 15, DateTimeKind.Utc),
        });
        Assert.Equal("2026-11-21T08:30:15.0000001Z", json.GetProperty("Precise").GetString());
        Assert.Equal("2026-11-21T08:30:15.0000000Z", json.GetProperty("Unspecified").GetString());
        Assert.Equal("2026-11-21T08:30:15.0000000Z", json.GetProperty("Utc").GetString());

        var read = Read(json.GetRawText());
        Assert.Equal(precise, read.GetDateTimeOffset("Precise"));
        Assert.Equal(precise.UtcTicks, read.GetDateTimeOffset("Precise")!.Value.UtcTicks);
    }

    [Fact]
    public void Unsupported_types_are_refused_naming_the_property()
    {
        var ex = Assert.Throws<NotSupportedException>(() => TableEntityJson.Serialize(new TableEntity("p", "r") { ["Price"] = 1.5m }));
        Assert.Contains("'Price'", ex.Message);
        Assert.Contains("Decimal", ex.Message);
    }

    [Fact]
    public void Every_type_is_read_from_the_service_format()
    {
        var entity = Read("""
            {
              "odata.metadata": "http://127.0.0.1/devstoreaccount1/$metadata#t/@Element",
              "odata.etag": "W/\"datetime'2026-11-21T08%3A30%3A15.1234567Z'\"",
              "PartitionKey": "p", "RowKey": "r",
              "Timestamp": "2026-11-21T08:30:15.1234567Z",
              "Text": "O'Brien",
              "Int32": 42,
              "Int64@odata.type": "Edm.Int64", "Int64": "9007199254740993",
              "Double": 2.5,
              "WholeDouble@odata.type": "Edm.Double", "WholeDouble": 2,
              "Flag": false,
              "When@odata.type": "Edm.DateTime", "When": "2026-11-21T08:30:15.1234567Z",
              "Id@odata.type": "Edm.Guid", "Id": "0f8fad5b-d9cb-469f-a165-70867728950e",
              "Bytes@odata.type": "Edm.Binary", "Bytes": "AAH/",
              "Nothing": null
            }
            """);

        Assert.Equal(("p", "r"), (entity.PartitionKey, entity.RowKey));
        Assert.Equal(new ETag("W/\"datetime'2026-11-21T08%3A30%3A15.1234567Z'\""), entity.ETag);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 30, 15, TimeSpan.Zero).AddTicks(1234567), entity.Timestamp);
        Assert.Equal("O'Brien", entity.GetString("Text"));
        Assert.Equal(42, entity["Int32"]);
        Assert.Equal(9_007_199_254_740_993L, entity["Int64"]);
        Assert.Equal(2.5, entity["Double"]);
        Assert.Equal(2.0, entity["WholeDouble"]);
        Assert.Equal(false, entity["Flag"]);
        Assert.Equal(entity.Timestamp, entity.GetDateTimeOffset("When"));
        Assert.Equal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), entity["Id"]);
        Assert.Equal(new byte[] { 0, 1, 255 }, entity.GetBinary("Bytes"));
        Assert.Null(entity["Nothing"]);
        Assert.False(entity.ContainsKey("odata.metadata"));
        Assert.False(entity.ContainsKey("Int64@odata.type"));
    }

    [Fact]
    public void Entities_of_one_page_with_different_properties_share_the_name_cache_safely()
    {
        var names = new TablePropertyNameCache();
        var first = TableEntityJson.ReadEntity(JsonDocument.Parse(
            """{"PartitionKey":"p","RowKey":"1","A@odata.type":"Edm.Int64","A":"5","B":"x"}""").RootElement, names: names);
        var second = TableEntityJson.ReadEntity(JsonDocument.Parse(
            """{"PartitionKey":"p","RowKey":"2","B":"y","A":7,"C@odata.type":"Edm.Guid","C":"0f8fad5b-d9cb-469f-a165-70867728950e"}""").RootElement, names: names);

        Assert.Equal(5L, first["A"]);
        Assert.Equal("x", first["B"]);
        Assert.Equal(["PartitionKey", "RowKey", "B", "A", "C"], second.Keys);
        Assert.Equal(7, second["A"]);
        Assert.Equal("y", second["B"]);
        Assert.Equal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), second["C"]);
    }

    [Fact]
    public void The_etag_header_wins_over_the_body()
    {
        var entity = Read("""{"odata.etag":"W/\"old\"","PartitionKey":"p","RowKey":"r"}""", "W/\"new\"");
        Assert.Equal(new ETag("W/\"new\""), entity.ETag);
    }

    [Fact]
    public void Typed_getters_widen_int_and_name_a_wrong_type()
    {
        var entity = Read("""{"PartitionKey":"p","RowKey":"r","Small":7,"Text":"x"}""");
        Assert.Equal(7L, entity.GetInt64("Small"));
        Assert.Equal(7.0, entity.GetDouble("Small"));
        var ex = Assert.Throws<InvalidOperationException>(() => entity.GetInt32("Text"));
        Assert.Contains("'Text'", ex.Message);
        Assert.Null(entity.GetString("Absent"));
    }
}
