using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Stores;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>Eligibility finds the person's other applications through the person's own partition, in the running app.</summary>
[Collection(ReliefAppCollection.Name)]
public sealed class ReliefSamePersonTests(ReliefApp relief)
{
    private const string Region = "110113";

    [Fact]
    public async Task A_second_application_of_the_same_person_while_the_first_is_open_is_refused_and_another_person_is_not()
    {
        await relief.PrepareRegionAsync(Region, "100000.00");
        var first = await relief.SubmitAsync(ReliefApp.Request(Region, person: 7));
        await relief.WaitForApplicationAsync(first, a => ReliefApp.HasStatus(a, "awaiting_decision"));

        var again = await relief.SubmitAsync(ReliefApp.Request(Region, person: 7, amount: "2000.00"));
        var someoneElse = await relief.SubmitAsync(ReliefApp.Request(Region, person: 8));

        var refused = await relief.WaitForApplicationAsync(again, a => ReliefApp.HasStatus(a, "refused"));
        Assert.Equal(EligibilityRules.OpenApplicationExists, refused.GetProperty("refusal").GetProperty("code").GetString());
        await relief.WaitForApplicationAsync(someoneElse, a => ReliefApp.HasStatus(a, "awaiting_decision"));
    }

    [Fact]
    public async Task A_person_row_whose_application_was_never_stored_is_skipped()
    {
        var store = new ApplicationStore(relief.Tables);
        var template = await store.GetAsync(await relief.SubmitAsync(ReliefApp.Request(Region, person: 9)))
            ?? throw new InvalidOperationException("The submitted application is not stored.");
        var person = Guid.NewGuid().ToString("N");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var kept = template with { ApplicationId = "rel-kept-" + suffix };
        var lost = template with { ApplicationId = "rel-lost-" + suffix };
        await store.AddAsync(kept, person);
        await store.AddAsync(lost, person);
        // A crash between the person's row and the application's leaves the row alone: delete the application to get there.
        await relief.Tables.GetTableClient(ApplicationStore.TableName).DeleteEntityAsync(lost.ApplicationId, "");

        var found = await store.FindByPersonAsync(person, template.Details.ProgramCode, exceptApplicationId: "none");

        var only = Assert.Single(found);
        Assert.Equal(kept.ApplicationId, only.ApplicationId);
        Assert.Equal(ReliefApplicationStatus.Submitted, only.Status);
        Assert.Equal(template.Details.RequestedAmount, only.Amount);
    }
}
