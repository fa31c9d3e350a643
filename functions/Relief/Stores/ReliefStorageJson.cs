using System.Text.Json;
using Gonghui.Functions.Json;
using Azure.Data.Tables;

namespace Gonghui.Functions.Relief.Stores;

/// <summary>How relief stores keep records in a table property: the app's JSON (AppJson).</summary>
internal static class ReliefStorageJson
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, AppJson.Options);

    public static T Read<T>(TableEntity entity, string property) =>
        JsonSerializer.Deserialize<T>(entity.GetString(property) ?? throw new InvalidOperationException(
            $"Row {entity.PartitionKey}/{entity.RowKey} has no {property}."), AppJson.Options)!;

    public static T? ReadOptional<T>(TableEntity entity, string property) where T : class =>
        entity.GetString(property) is { Length: > 0 } json ? JsonSerializer.Deserialize<T>(json, AppJson.Options) : null;

    public static bool IsConflict(Azure.RequestFailedException e) => e.Status is 409 or 412;
}
