namespace Gonghui.Durable.TestApp;

/// <summary>Charges the ledger once per activity call (idempotency key = instance id + task id).</summary>
public sealed class ChargeActivity(Ledger ledger) : TaskActivity<int, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, int amount)
    {
        var applied = await ledger.ChargeAsync(context.IdempotencyKey, amount, () =>
        {
            if (Environment.GetEnvironmentVariable("CRASH_AT") == "inside-activity")
                Crash.Now("inside-activity");
        });
        return applied ? "charged" : "already charged";
    }
}
