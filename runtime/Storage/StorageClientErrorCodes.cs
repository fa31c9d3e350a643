namespace Gonghui.Storage;

/// <summary>
/// Error codes our clients put on a <see cref="Azure.RequestFailedException"/> (with Status 0) when no response came
/// back at all, after Azure.Core's retries. Every other failure carries the service's own code
/// (ResourceNotFound, EntityAlreadyExists, UpdateConditionNotSatisfied, PopReceiptMismatch, ...).
/// </summary>
public static class StorageClientErrorCodes
{
    /// <summary>The service could not be reached: connection refused or reset, name not resolved.</summary>
    public const string ConnectionFailed = "ConnectionFailed";

    /// <summary>The service did not answer within <c>Retry.NetworkTimeout</c>.</summary>
    public const string NetworkTimeout = "NetworkTimeout";
}
