namespace Gonghui.Durable;

/// <summary>A payload (input, output, event data, custom status) exceeds what the task hub stores; nothing is truncated.</summary>
public sealed class PayloadTooLargeException(string what, int length, int limit)
    : Exception($"{what} is {length} characters long; the task hub stores payloads of at most {limit} characters.")
{
    public int Length { get; } = length;
    public int Limit { get; } = limit;
}
