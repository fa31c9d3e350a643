using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Gonghui.Functions.Notifications;

/// <summary>
/// Which e-mail keys were handed to SMTP, so duplicate queue messages do not mail twice. A queue message claims
/// its key before sending (a row written under its ETag), so two messages with one key racing each other send once.
/// The claiming message, redelivered after a crash, takes its own claim over; a claim older than
/// <see cref="ClaimLease"/> can be taken by any message. A crash between the hand-over and the "sent" mark can
/// still repeat one mail; its stable Message-ID lets mail clients drop it.
/// </summary>
public sealed class EmailDeliveryLog(TableServiceClient tables, TimeProvider clock)
{
    public const string TableName = "EmailDeliveries";
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

    private const string Sending = "sending";
    private const string Sent = "sent";

    private readonly TableClient _table = tables.GetTableClient(TableName);

    public async Task<EmailClaim> ClaimAsync(string key, string messageId, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(key);
        while (true)
        {
            var claim = new TableEntity(partition, row)
            {
                ["Key"] = key,
                ["State"] = Sending,
                ["MessageId"] = messageId,
                ["ClaimedAt"] = clock.GetUtcNow(),
            };
            try
            {
                // Almost every key is claimed for the first time: insert without reading first.
                await _table.AddEntityAsync(claim, cancellationToken);
                return EmailClaim.Claimed;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
            }
            var stored = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            if (!stored.HasValue)
                continue;
            var current = stored.Value!;
            if (current.GetString("State") == Sent)
                return EmailClaim.AlreadySent;
            var mine = current.GetString("MessageId") == messageId;
            var expired = current.GetDateTimeOffset("ClaimedAt") + ClaimLease < clock.GetUtcNow();
            if (!mine && !expired)
                return EmailClaim.HeldByAnotherMessage;
            try
            {
                await _table.UpdateEntityAsync(claim, current.ETag, TableUpdateMode.Replace, cancellationToken);
                return EmailClaim.Claimed;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Another message claimed or finished it in between: look again.
            }
        }
    }

    /// <summary>
    /// Gives up the claim <paramref name="claimant"/> holds on a key it has not sent, so that a queued copy of the mail
    /// can claim it. A claim that moved on (sent, or taken by someone else) stays as it is.
    /// </summary>
    public async Task ReleaseAsync(string key, string claimant, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(key);
        var stored = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        if (!stored.HasValue || stored.Value!.GetString("State") != Sending || stored.Value.GetString("MessageId") != claimant)
            return;
        try
        {
            await _table.DeleteEntityAsync(partition, row, stored.Value.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
        }
    }

    public async Task<bool> WasSentAsync(string key, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(key);
        var stored = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, ["State"], cancellationToken);
        return stored.HasValue && stored.Value!.GetString("State") == Sent;
    }

    public async Task RecordSentAsync(string key, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(key);
        await _table.UpsertEntityAsync(new TableEntity(partition, row)
        {
            ["Key"] = key,
            ["State"] = Sent,
            ["SentAt"] = clock.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    // Keys may hold characters Table keys forbid ('/', '#', ...), so rows are addressed by the key's hash.
    private static (string Partition, string Row) Keys(string key)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();
        return (hash[..2], hash);
    }
}
