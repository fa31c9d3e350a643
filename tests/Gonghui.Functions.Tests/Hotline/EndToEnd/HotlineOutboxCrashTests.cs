using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Gonghui.Functions.Hotline;
using Gonghui.Functions.Hotline.Stores;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Hotline.EndToEnd;

/// <summary>The app process killed between a ticket's commit and its queue message: after a restart the outbox delivers the change once.</summary>
[Collection(HotlineAppCollection.Name)]
public sealed class HotlineOutboxCrashTests(HotlineAppFixture fixture)
{
    private static readonly Dictionary<string, string?> ShortSweepGrace = new() { [HotlineSettings.OutboxSweepGraceSetting] = "00:00:01" };

    [Fact]
    public async Task A_ticket_whose_process_was_killed_after_the_commit_is_routed_and_mailed_once_after_a_restart()
    {
        await fixture.RestartAsync(new Dictionary<string, string?>(ShortSweepGrace) { [HotlineSettings.HangAfterChangeCommittedSetting] = "true" });
        var hangs = true;
        try
        {
            var idempotencyKey = $"crash-{Guid.NewGuid():N}";
            var id = IntakeKey.TicketIdFor(idempotencyKey);
            using var op = fixture.Client(HotlineAppFixture.OperatorKey);
            using var intake = new HttpRequestMessage(HttpMethod.Post, "api/tickets")
            {
                Content = JsonContent.Create(HotlineAppFixture.Intake("加班费-进程崩溃", phone: "13712345678")),
                Headers = { { "Idempotency-Key", idempotencyKey } },
            };
            // The answer never comes: the process hangs after the commit until it is killed.
            var answer = op.SendAsync(intake);
            await fixture.App.WaitForOutputAsync($"Ticket {id} version 1 committed; hanging before it is queued", TimeSpan.FromSeconds(30));
            Assert.Equal(["outbox|000001|" + id], await OutboxRowsAsync(id));

            await fixture.RestartAsync(ShortSweepGrace);
            hangs = false;
            await Assert.ThrowsAnyAsync<Exception>(() => answer);

            // Nothing announced the change: the ticket waits, unrouted, until the sweep finds its outbox row.
            var ticket = await fixture.GetTicketAsync(id);
            Assert.Equal("received", ticket.GetProperty("status").GetString());
            var number = ticket.GetProperty("number").GetString()!;
            await RunSweepAsync();
            await RunSweepAsync();

            await fixture.WaitForTicketAsync(id, t => t.GetProperty("status").GetString() == "assigned");
            await Eventually.TrueAsync(async () => (await OutboxRowsAsync(id)).Count == 0, $"ticket {id}'s outbox row to be removed by its follow-up");
            await fixture.Maildev.WaitForEmailAsync(e => e.Subject?.Contains(number, StringComparison.Ordinal) == true);

            // A sweep now announces nothing, and the mail of a ticket opened after it arrives: by then a second mail of the
            // crashed ticket would have too.
            await RunSweepAsync();
            var later = await fixture.OpenAssignedAsync(HotlineAppFixture.Intake("加班费-崩溃之后", phone: "13712345679"));
            var laterNumber = later.GetProperty("number").GetString()!;
            await fixture.Maildev.WaitForEmailAsync(e => e.Subject?.Contains(laterNumber, StringComparison.Ordinal) == true);
            var mails = (await fixture.Maildev.GetEmailsAsync()).Where(e => e.Subject?.Contains(number, StringComparison.Ordinal) == true).ToList();
            Assert.Equal("union.370102@gonghui.example", Assert.Single(Assert.Single(mails).To!).Address);
            Assert.Empty(await OutboxRowsAsync(id));
        }
        finally
        {
            // The other tests of the collection need an app that queues its changes.
            if (hangs) await fixture.RestartAsync();
        }
    }

    /// <summary>Runs the outbox sweep now, through the host's admin API (as an operator can in Azure), instead of waiting for its minute.</summary>
    private async Task RunSweepAsync()
    {
        using var master = fixture.App.CreateClient(fixture.App.MasterKey);
        using var response = await master.PostAsJsonAsync("admin/functions/HotlineTicketOutboxSweep", new { input = "" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<List<string>> OutboxRowsAsync(string ticketId)
    {
        var table = fixture.Azurite.CreateTableServiceClient().GetTableClient(TicketStore.TableName);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ticketId} and RowKey ge {"outbox|"} and RowKey lt {"outbox}"}");
        return [.. (await table.QueryAsync<TableEntity>(filter, select: ["RowKey"]).ToListAsync()).Select(row => row.RowKey)];
    }
}
