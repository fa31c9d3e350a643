using Gonghui.Functions.Nominations.Services;
using Gonghui.Functions.Nominations.Services.Notice;
using Gonghui.Functions.Nominations.Services.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Nominations.Stores.Materials;
using Gonghui.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Functions.Nominations;

public static class NominationsServiceCollectionExtensions
{
    public static readonly StorageNames Storage = new()
    {
        Tables =
        [
            CampaignStore.TableName, NominationStore.TableName, QuotaStore.TableName, ObjectionStore.TableName, ObjectionStore.LimitsTableName,
            ReviewTaskStore.TableName, ReviewerDirectory.TableName, PublicNoticeStore.TableName,
        ],
        Containers = [MaterialSettings.ContainerName],
    };

    /// <summary>
    /// Award nominations: settings, the campaign, nomination, quota, objection and review-task stores, the reviewer
    /// directory, the material store on the app's blob client, submissions, review mail and decisions; the public notice (its store, publication, objections, mail) and the
    /// registry filing. Needs notifications, relief's calendar and the registry.
    /// </summary>
    public static IServiceCollection AddNominations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStorage(Storage);
        services.AddSingleton(_ => NominationsSettings.From(configuration));
        // Function classes take it lazily, so they resolve without the setting and only nominations refuse to work.
        services.AddSingleton(sp => new Lazy<NominationsSettings>(sp.GetRequiredService<NominationsSettings>));
        services.AddSingleton(_ => MaterialSettings.From(configuration));
        services.AddSingleton<MaterialStore>();
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<NominationStore>();
        services.AddSingleton<QuotaStore>();
        services.AddSingleton<ObjectionStore>();
        services.AddSingleton<CampaignAdministration>();
        services.AddSingleton<ReviewTaskStore>();
        services.AddSingleton<ReviewLinkResolver>();
        services.AddSingleton<ReviewerDirectory>();
        services.AddSingleton<NominationReviewSettings>();
        services.AddSingleton<NominationMail>();
        services.AddSingleton<NominationDecisions>();
        services.AddSingleton<NominationSubmissions>();
        services.AddSingleton<RegistryFilings>();
        services.AddSingleton<PublicNoticeStore>();
        services.AddSingleton<PublicNoticeSettings>();
        services.AddSingleton<NoticeMail>();
        services.AddSingleton<NoticePublication>();
        services.AddSingleton<ObjectionFormTokens>();
        services.AddSingleton<PublicNoticePageCache>();
        services.AddSingleton<ObjectionFiling>();
        services.AddSingleton<ObjectionSettlement>();
        return services;
    }
}
