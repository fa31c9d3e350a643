using System.Text.Json;
using Azure.Data.Tables;

namespace Gonghui.Functions.Relief.Stores;

/// <summary>How relief stores keep records in a table property: web-default JSON (the rule types carry their converters).</summary>
internal static class ReliefStorageJson
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);

    public static T Read<T>(TableEntity entity, string property) =>
        JsonSerializer.Deserialize<T>(entity.GetString(property) ?? throw new InvalidOperationException(
            $"Row {entity.PartitionKey}/{entity.RowKey} has no {property}."), JsonSerializerOptions.Web)!;

    public static T? ReadOptional<T>(TableEntity entity, string property) where T : class =>
        entity.GetString(property) is { Length: > 0 } json ? JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web) : null;

    public static bool IsConflict(Azure.RequestFailedException e) => e.Status is 409 or 412;
}
