using System.Globalization;
using Gonghui.Functions.Nominations.Domain.Registry;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Registry;
using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Services;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Nominations.Services;

/// <summary>
/// Files an awarded nomination to the model-worker registry as the registry's caller <c>nomination|{id}</c> (its
/// <see cref="RegistryFiling.SourceKey"/>, kept in the record's history as who made the change). Exactly once however often
/// it runs: the registry keeps one record per person (keyed by the national ID's hash) and answers a create or update
/// that is already in place without writing, so a retry finds the record and the award it filed. A person already in
/// the registry gets the award added to their record.
/// </summary>
public sealed class RegistryFilings(NominationStore nominations, CampaignStore campaigns, RegistryService registry, RegistrySettings registrySettings,
    ILogger<RegistryFilings> logger)
{
    /// <summary>Files the nomination; returns the registry record id.</summary>
    public async Task<string> FileAsync(string campaignId, string nominationId, DateTimeOffset awardedAt, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.GetAsync(campaignId, cancellationToken) ?? throw new InvalidOperationException($"Campaign {campaignId} is not stored.");
        var nomination = await nominations.GetAsync(campaignId, nominationId, cancellationToken);
        if (nomination?.Details is not { } details) throw new InvalidOperationException($"Nomination {nominationId} has no details.");
        var filing = RegistryFiling.From(nominationId, details, campaign.Campaign, nomination.CountyCode, awardedAt);
        var caller = new RegistryCaller(filing.SourceKey, $"{campaign.Campaign.Name}（评选表彰）", RegistryRole.Admin, null);
        var award = new AwardInput
        {
            Kind = RegistryAwardCode.Of(filing.Award),
            Year = filing.AwardYear.ToString(CultureInfo.InvariantCulture),
            AwardingBody = filing.AwardingBody,
            EmployerAtAward = filing.Employer,
        };
        var input = new RegistryRecordInput
        {
            Name = filing.Name,
            Gender = filing.Gender == Domain.Gender.Male ? "male" : "female",
            BirthDate = filing.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            NationalId = filing.NationalId,
            Awards = [award],
            CurrentEmployer = filing.Employer,
            JobTitle = filing.JobTitle,
            Region = filing.RegionCode,
        };
        var created = await registry.CreateAsync(caller, input, cancellationToken);
        if (created.Succeeded)
        {
            logger.LogInformation("Nomination {NominationId} filed to registry record {RecordId} ({Outcome})", nominationId, created.Value!.Id, created.Outcome);
            return created.Value!.Id;
        }
        if (created.Outcome != RegistryOutcome.AlreadyRegistered)
            throw new InvalidOperationException($"The registry refused {filing}: {created.Code}.");
        return await AddAwardAsync(caller, filing, award, cancellationToken);
    }

    /// <summary>The person has a record: add this award to it (unless a retry added it already), under its ETag.</summary>
    private async Task<string> AddAwardAsync(RegistryCaller caller, RegistryFiling filing, AwardInput award, CancellationToken cancellationToken)
    {
        var recordId = RegistryRecordId.FromHash(registrySettings.NationalIdHasher.Hash(filing.NationalId));
        while (true)
        {
            var read = await registry.GetAsync(caller, recordId, cancellationToken);
            var record = read.Value?.Record ?? throw new InvalidOperationException($"Registry record {recordId} could not be read: {read.Code}.");
            if (record.Awards.Any(a => RegistryAwardCode.Of(filing.Award) == a.Kind && a.Year == filing.AwardYear)) return record.Id;
            var input = new RegistryRecordInput
            {
                Name = record.Name,
                Gender = record.Gender == Gender.Male ? "male" : "female",
                BirthDate = record.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                NationalId = filing.NationalId,
                Awards = [.. record.Awards.Select(a => new AwardInput
                {
                    Kind = a.Kind, Year = a.Year.ToString(CultureInfo.InvariantCulture), AwardingBody = a.AwardingBody, EmployerAtAward = a.EmployerAtAward,
                }), award],
                CurrentEmployer = filing.Employer,
                JobTitle = filing.JobTitle,
                Region = record.Region,
                Phone = record.Phone,
            };
            var updated = await registry.UpdateAsync(caller, record.Id, record.ETag, input, $"{filing.SourceKey} 获表彰", cancellationToken);
            if (updated.Succeeded) return record.Id;
            if (updated.Outcome != RegistryOutcome.Stale) throw new InvalidOperationException($"The registry refused {filing}: {updated.Code}.");
        }
    }
}
