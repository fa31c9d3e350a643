namespace Gonghui.Storage.Queues;

/// <summary>A received message: the pop receipt proves this receiver holds it until <see cref="NextVisibleOn"/>.</summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    BinaryData Body,
    long DequeueCount,
    DateTimeOffset? InsertedOn,
    DateTimeOffset? ExpiresOn,
    DateTimeOffset? NextVisibleOn)
{
    public string MessageText => Body.ToString();
}

/// <summary>A message looked at without taking it.</summary>
public sealed record PeekedMessage(
    string MessageId,
    BinaryData Body,
    long DequeueCount,
    DateTimeOffset? InsertedOn,
    DateTimeOffset? ExpiresOn)
{
    public string MessageText => Body.ToString();
}

public sealed record SendReceipt(
    string MessageId,
    DateTimeOffset InsertionTime,
    DateTimeOffset ExpirationTime,
    string PopReceipt,
    DateTimeOffset TimeNextVisible);

public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);

public sealed record QueueProperties(int ApproximateMessagesCount);
