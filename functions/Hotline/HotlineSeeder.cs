using Gonghui.Functions.Hotline.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Hotline;

/// <summary>
/// At start: stores the default calendar, routing and policy where none is stored (admin edits are kept), and, when
/// <see cref="HotlineServiceCollectionExtensions.SeedDemoSetting"/> is true, the demo tickets.
/// </summary>
internal sealed class HotlineSeeder(ReferenceDataStore reference, HotlineDemo demo, IConfiguration configuration, ILogger<HotlineSeeder> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Storage may still be starting next to the app (run.sh starts both): retry until it answers.
        for (var delay = TimeSpan.FromMilliseconds(250); !stoppingToken.IsCancellationRequested; delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 5)))
        {
            try
            {
                await reference.SeedAsync(stoppingToken);
                if (configuration.GetValue<bool>(HotlineServiceCollectionExtensions.SeedDemoSetting))
                {
                    await demo.SeedAsync(stoppingToken);
                }

                logger.LogInformation("Hotline reference data is ready");
                return;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or IOException)
            {
                logger.LogWarning("Storage not reachable yet to seed hotline data ({Message}); retrying", ex.Message);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
