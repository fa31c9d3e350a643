using Azure;

namespace Gonghui.Storage.Tables;

/// <summary>The outcome of one operation of a committed transaction: its status and the entity's new ETag.</summary>
public sealed record TableTransactionResult(int Status, ETag ETag);
