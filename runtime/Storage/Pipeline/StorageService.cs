namespace Gonghui.Storage.Pipeline;

/// <summary>Which storage service a pipeline talks to; the services sign requests differently.</summary>
internal enum StorageService
{
    Queue,
    Table,
}
