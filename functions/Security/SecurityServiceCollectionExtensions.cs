using System.Globalization;
using Gonghui.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Functions.Security;

public static class SecurityServiceCollectionExtensions
{
    public static readonly StorageNames Storage = new() { Tables = [ApiKeyStore.TableName] };

    /// <summary>The API keys (store, request authorizer) and, in Development, the keys seeded from settings.</summary>
    public static IServiceCollection AddApiKeys(this IServiceCollection services, IConfiguration configuration, bool development)
    {
        services.AddStorage(Storage);
        services.AddSingleton(sp => new ApiKeyStore(sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>(), sp.GetRequiredService<TimeProvider>(),
            configuration[ApiKeyStore.CacheSecondsSetting] is { Length: > 0 } seconds
                ? TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture))
                : ApiKeyStore.DefaultCacheTime));
        services.AddSingleton(sp => new ApiKeyAuthorizer(sp.GetRequiredService<ApiKeyStore>(),
            configuration.GetValue(ApiKeyAuthorizer.AppServiceAuthenticationSetting, false)));
        if (development)
            services.AddHostedService<DevelopmentKeySeeder>();
        return services;
    }
}
