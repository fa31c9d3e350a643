using Azure;

namespace Gonghui.Storage.Tables;

/// <summary>
/// A transaction the service rejected as a whole; nothing of it was written.
/// <see cref="FailedTransactionActionIndex"/> names the operation that failed, when the service says.
/// </summary>
public sealed class TableTransactionFailedException(int status, string message, string? errorCode, int? failedIndex)
    : RequestFailedException(status, message, errorCode, null)
{
    public int? FailedTransactionActionIndex { get; } = failedIndex;
}
