using System.Text.Json;
using Azure.Storage.Queues.Models;

namespace Gonghui.LocalHost.Queues;

/// <summary>
/// What a queue function receives: the message as string, byte[], BinaryData, <see cref="QueueMessage"/> or a JSON
/// type, and the metadata by parameter name, as the Azure Functions queue trigger names it.
/// </summary>
internal static class QueueMessageBinding
{
    /// <summary>The worker's default: case-insensitive property names.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static object? Value(QueueMessage message, Type parameterType)
    {
        if (parameterType == typeof(string))
            return message.Body.ToString();
        if (parameterType == typeof(byte[]))
            return message.Body.ToArray();
        if (parameterType == typeof(BinaryData))
            return message.Body;
        if (parameterType == typeof(QueueMessage))
            return message;
        return JsonSerializer.Deserialize(message.Body.ToMemory().Span, parameterType, Json)
            ?? throw new JsonException($"The message is JSON null; a {parameterType.Name} was expected.");
    }

    public static Dictionary<string, object?> Data(QueueMessage message, string queueName) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = message.MessageId,
        ["dequeueCount"] = message.DequeueCount,
        ["insertionTime"] = message.InsertedOn,
        ["expirationTime"] = message.ExpiresOn,
        ["nextVisibleTime"] = message.NextVisibleOn,
        ["popReceipt"] = message.PopReceipt,
        ["queueTrigger"] = message.Body.ToString(),
        ["queueName"] = queueName,
    };
}
