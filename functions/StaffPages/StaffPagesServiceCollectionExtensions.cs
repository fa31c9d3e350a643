using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Functions.StaffPages;

public static class StaffPagesServiceCollectionExtensions
{
    /// <summary>Staff sign-in and sessions for the server-rendered pages; settings (<see cref="StaffPagesSettings"/>) are read on first use.</summary>
    public static IServiceCollection AddStaffPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new StaffPagesSettings(configuration));
        services.AddSingleton<StaffSessions>();
        services.AddSingleton<StaffPageGate>();
        return services;
    }
}
