using Microsoft.Extensions.DependencyInjection;
using Gonghui.Functions.Relief.Services;
using Gonghui.Functions.Relief.Stores;

namespace Gonghui.Functions.Relief;

public static class ReliefServiceCollectionExtensions
{
    /// <summary>
    /// Relief funds: stores, settings, submissions and decisions, and the demo seeding (Gonghui:Relief:SeedDemo).
    /// Needs notifications; the durable client comes to each function that needs it as a [DurableClient] binding.
    /// </summary>
    public static IServiceCollection AddRelief(this IServiceCollection services)
    {
        services.AddSingleton<ReliefSettingsAccessor>();
        services.AddSingleton<ProgramStore>();
        services.AddSingleton<BudgetStore>();
        services.AddSingleton<ApplicationStore>();
        services.AddSingleton<ApprovalTaskStore>();
        services.AddSingleton<PaymentStore>();
        services.AddSingleton<ReliefDirectory>();
        services.AddSingleton<ReliefCalendar>();
        services.AddSingleton<ReliefMail>();
        services.AddSingleton<ReliefSubmissions>();
        services.AddSingleton<ReliefDecisions>();
        services.AddHostedService<ReliefDemoSeeder>();
        return services;
    }
}
