using System.Collections;
using Azure;

namespace Gonghui.Storage.Tables;

/// <summary>
/// A table entity as a property bag, like Azure.Data.Tables' TableEntity. Values keep their
/// Edm types: string, int (Int32), long (Int64), double, bool, DateTimeOffset (DateTime), Guid, byte[] (Binary).
/// </summary>
public sealed class TableEntity : IDictionary<string, object?>
{
    public const string PartitionKeyName = "PartitionKey";
    public const string RowKeyName = "RowKey";
    public const string TimestampName = "Timestamp";

    private readonly Dictionary<string, object?> _properties;

    public TableEntity()
    {
        _properties = new Dictionary<string, object?>(StringComparer.Ordinal);
    }

    /// <summary>For readers that know roughly how many properties are coming: saves the dictionary's regrowth.</summary>
    internal TableEntity(int capacity)
    {
        _properties = new Dictionary<string, object?>(capacity, StringComparer.Ordinal);
    }

    public TableEntity(string partitionKey, string rowKey)
        : this()
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey
    {
        get => GetString(PartitionKeyName) ?? "";
        set => _properties[PartitionKeyName] = value;
    }

    public string RowKey
    {
        get => GetString(RowKeyName) ?? "";
        set => _properties[RowKeyName] = value;
    }

    public DateTimeOffset? Timestamp
    {
        get => GetDateTimeOffset(TimestampName);
        set => _properties[TimestampName] = value;
    }

    public ETag ETag { get; set; }

    public object? this[string key]
    {
        get => _properties.GetValueOrDefault(key);
        set => _properties[key] = value;
    }

    public string? GetString(string key) => GetReference<string>(key);
    public int? GetInt32(string key) => GetValue<int>(key);
    public long? GetInt64(string key) => _properties.GetValueOrDefault(key) is int i ? i : GetValue<long>(key);
    public double? GetDouble(string key) => _properties.GetValueOrDefault(key) is int i ? i : GetValue<double>(key);
    public bool? GetBoolean(string key) => GetValue<bool>(key);
    public Guid? GetGuid(string key) => GetValue<Guid>(key);
    public byte[]? GetBinary(string key) => GetReference<byte[]>(key);

    public DateTimeOffset? GetDateTimeOffset(string key) => _properties.GetValueOrDefault(key) switch
    {
        null => null,
        DateTimeOffset value => value,
        DateTime value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)),
        var other => throw WrongType(key, other, typeof(DateTimeOffset)),
    };

    // Two helpers because T? means Nullable<T> only for structs: a missing number must read as null, not 0.
    private T? GetValue<T>(string key) where T : struct => _properties.GetValueOrDefault(key) switch
    {
        null => null,
        T typed => typed,
        var other => throw WrongType(key, other, typeof(T)),
    };

    private T? GetReference<T>(string key) where T : class => _properties.GetValueOrDefault(key) switch
    {
        null => null,
        T typed => typed,
        var other => throw WrongType(key, other, typeof(T)),
    };

    private static InvalidOperationException WrongType(string key, object value, Type wanted) =>
        new($"Property '{key}' holds a {value.GetType().Name}, not a {wanted.Name}.");

    public ICollection<string> Keys => _properties.Keys;
    public ICollection<object?> Values => _properties.Values;
    public int Count => _properties.Count;
    public bool IsReadOnly => false;
    public void Add(string key, object? value) => _properties.Add(key, value);
    public bool ContainsKey(string key) => _properties.ContainsKey(key);
    public bool Remove(string key) => _properties.Remove(key);
    public bool TryGetValue(string key, out object? value) => _properties.TryGetValue(key, out value);
    public void Add(KeyValuePair<string, object?> item) => _properties.Add(item.Key, item.Value);
    public void Clear() => _properties.Clear();
    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);
    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);
    public bool Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
