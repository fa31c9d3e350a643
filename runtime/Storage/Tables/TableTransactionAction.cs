using Azure;

namespace Gonghui.Storage.Tables;

public enum TableTransactionActionType
{
    Add,
    UpdateMerge,
    UpdateReplace,
    Delete,
    UpsertMerge,
    UpsertReplace,
}

/// <summary>One operation of an entity-group transaction. The ETag applies to updates and deletes (default: any).</summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag ETag = default);
