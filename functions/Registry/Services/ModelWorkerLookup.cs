using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Stores;

namespace Gonghui.Functions.Registry.Services;

/// <summary>What other capabilities ask the registry: the status of a person's record, found by their national ID.</summary>
public sealed class ModelWorkerLookup(RecordStore records, RegistrySettings settings)
{
    /// <summary>The record's status, or null when the person is not in the registry.</summary>
    public async Task<RecordStatus?> StatusOfAsync(string nationalId, CancellationToken cancellationToken)
    {
        var stored = await records.GetAsync(RegistryRecordId.FromHash(settings.NationalIdHasher.Hash(nationalId)), cancellationToken);
        return stored?.Record.Status;
    }
}
