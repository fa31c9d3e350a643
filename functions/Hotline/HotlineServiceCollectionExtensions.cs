using Gonghui.Functions.Hotline.Services;
using Gonghui.Functions.Hotline.Stores;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Functions.Hotline;

public static class HotlineServiceCollectionExtensions
{
    /// <summary>Setting holding the base64 key (at least 32 bytes) of the phone numbers' keyed hash.</summary>
    public const string PhoneHashKeySetting = "Gonghui:Hotline:PhoneHashKey";

    /// <summary>When true, an empty store gets a demo: a dozen tickets in different states (./run.sh sets it).</summary>
    public const string SeedDemoSetting = "Gonghui:Hotline:SeedDemo";

    public static readonly StorageNames Storage = new()
    {
        Tables =
        [
            TicketStore.TableName, TicketNumberCounter.TableName, PhoneIndexStore.TableName, TicketIndexStore.ListTable,
            TicketIndexStore.DueTable, FigureStore.TableName, ReferenceDataStore.TableName,
        ],
        Queues = [TicketChangeQueue.QueueName],
    };

    public static IServiceCollection AddHotline(this IServiceCollection services, IConfiguration configuration)
    {
        var key = configuration[PhoneHashKeySetting];
        if (string.IsNullOrEmpty(key))
            throw new InvalidOperationException($"Set {PhoneHashKeySetting} to a base64 key of at least 32 random bytes (see local.settings.sample.json).");

        services.AddStorage(Storage);
        services.AddSingleton(HotlineSettings.From(configuration));
        services.AddSingleton(PhoneNumberHasher.FromBase64(key));
        services.AddSingleton<TicketStore>();
        services.AddSingleton<TicketOutbox>();
        services.AddSingleton<TicketNumberCounter>();
        services.AddSingleton<PhoneIndexStore>();
        services.AddSingleton<TicketIndexStore>();
        services.AddSingleton<FigureStore>();
        services.AddSingleton<ReferenceDataStore>();
        services.AddSingleton<TicketChangeQueue>();
        services.AddSingleton<HotlineTickets>();
        services.AddSingleton<SlaEvents>();
        services.AddSingleton<HotlineDemo>();
        services.AddHostedService<HotlineSeeder>();
        return services;
    }
}
