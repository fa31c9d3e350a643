using System.Net.Http.Json;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Tests.Relief.Functions;

namespace Gonghui.Functions.Tests.Registry;

/// <summary>
/// The model-worker subsidy in the running app asks its registry: an active model worker's application climbs to the
/// province whatever the amount; a revoked, deceased or unknown person is refused, naming the rule.
/// </summary>
[Collection(ReliefAppCollection.Name)]
public sealed class ModelWorkerSubsidyTests(ReliefApp relief)
{
    private const string Region = "110118";

    [Fact]
    public async Task Eligibility_follows_the_applicants_registry_record()
    {
        await relief.PrepareRegionAsync(Region, "100000.00");
        using (var admin = relief.Client(ReliefApp.AdminKey))
        {
            var year = ChinaStandardTime.ToLocalDate(DateTimeOffset.UtcNow).Year;
            (await admin.PutAsJsonAsync($"api/relief/budgets/{ReliefProgramDefaults.ModelWorkerSubsidy}/{Region}/{year}", new { budget = "100000.00" }))
                .EnsureSuccessStatusCode();
        }
        var registry = new RegistryTestBed(relief.Tables, ReliefApp.RegistryHashKey);
        var (active, revoked, deceased, unknown) = (101, 102, 103, 104);
        foreach (var person in new[] { active, revoked, deceased })
        {
            var created = await registry.Service.CreateAsync(registry.Admin,
                RegistrySamples.Person(Region, nationalId: ReliefApp.NationalIdFor(Region, person)), CancellationToken.None);
            var change = person == revoked ? new StatusChangeInput("revoked", "2026-01-10", "撤销称号")
                : person == deceased ? new StatusChangeInput("deceased", "2026-02-20", "病故")
                : null;
            if (change is not null)
                Assert.True((await registry.Service.ChangeStatusAsync(registry.Admin, created.Value!.Id, null, change, CancellationToken.None)).Succeeded);
        }

        var applications = new Dictionary<int, string>();
        foreach (var person in new[] { active, revoked, deceased, unknown })
            applications[person] = await relief.SubmitAsync(ReliefApp.Request(Region, person, "8000.00") with { ProgramCode = ReliefProgramDefaults.ModelWorkerSubsidy });

        var waiting = await relief.WaitForApplicationAsync(applications[active], a => ReliefApp.HasStatus(a, "awaiting_decision"));
        Assert.Equal((1, 3), (waiting.GetProperty("levelNumber").GetInt32(), waiting.GetProperty("levelCount").GetInt32()));
        foreach (var (person, rule) in new[]
                 {
                     (revoked, EligibilityRules.ModelWorkerRecordRevoked),
                     (deceased, EligibilityRules.ModelWorkerDeceased),
                     (unknown, EligibilityRules.NotInModelWorkerRegistry),
                 })
        {
            var refused = await relief.WaitForApplicationAsync(applications[person], a => ReliefApp.HasStatus(a, "refused"));
            Assert.Equal(rule, refused.GetProperty("refusal").GetProperty("code").GetString());
        }
    }
}
