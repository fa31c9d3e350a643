using Gonghui.Functions.Nominations.Materials;
using Gonghui.Functions.Nominations.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Functions.Nominations;

public static class NominationsServiceCollectionExtensions
{
    /// <summary>
    /// Award nominations: settings, the campaign, nomination, quota and objection stores, and the material store on the
    /// app's blob client.
    /// </summary>
    public static IServiceCollection AddNominations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => NominationsSettings.From(configuration));
        services.AddSingleton(_ => MaterialSettings.From(configuration));
        services.AddSingleton<MaterialStore>();
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<NominationStore>();
        services.AddSingleton<QuotaStore>();
        services.AddSingleton<ObjectionStore>();
        services.AddSingleton<CampaignAdministration>();
        return services;
    }
}
