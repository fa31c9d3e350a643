using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gonghui.Functions.Security;

/// <summary>
/// In Development only: stores one key per role from the settings <c>Gonghui__DevKeys__&lt;role&gt;</c> so a local run
/// and its scripts have known keys. Outside Development nothing is seeded and no key exists until an admin makes one.
/// </summary>
internal sealed class DevelopmentKeySeeder(IConfiguration configuration, ApiKeyStore keys, ILogger<DevelopmentKeySeeder> logger)
    : BackgroundService
{
    public const string Section = "Gonghui:DevKeys";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wanted = new List<(ApiRoles Role, string Secret)>();
        foreach (var setting in configuration.GetSection(Section).GetChildren())
        {
            if (!ApiRoleNames.TryParse(setting.Key, out var role))
                logger.LogWarning("Setting {Section}:{Key} names no role; known roles are {Roles}", Section, setting.Key,
                    string.Join(", ", ApiRoleNames.All.Select(ApiRoleNames.Name)));
            else if (!string.IsNullOrWhiteSpace(setting.Value))
                wanted.Add((role, setting.Value));
        }
        // Storage may still be starting next to the app (run.sh starts both): retry until it answers.
        for (var delay = TimeSpan.FromMilliseconds(250); !stoppingToken.IsCancellationRequested; delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 5)))
        {
            try
            {
                foreach (var (role, secret) in wanted)
                {
                    var key = await keys.SeedAsync(secret, "development " + ApiRoleNames.Name(role), role, stoppingToken);
                    logger.LogInformation("Development key {KeyId} for role {Role} is ready", key.Id, ApiRoleNames.Name(role));
                }
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Storage not reachable yet to seed development keys ({Message}); retrying", ex.Message);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
