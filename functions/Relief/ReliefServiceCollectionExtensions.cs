using Microsoft.Extensions.DependencyInjection;
using Gonghui.Functions.Relief.Services;
using Gonghui.Functions.Relief.Stores;
using Gonghui.Functions.Storage;

namespace Gonghui.Functions.Relief;

public static class ReliefServiceCollectionExtensions
{
    public static readonly StorageNames Storage = new()
    {
        Tables = [ProgramStore.TableName, BudgetStore.TableName, ApplicationStore.TableName, ApprovalTaskStore.TableName,
            ApprovalTaskStore.IndexTableName, PaymentStore.TableName, ReliefDirectory.TableName],
        Queues = [ReliefDemoSeeder.QueueName],
    };

    /// <summary>
    /// Relief funds: stores, settings, submissions and decisions, and the demo seeding (Gonghui:Relief:SeedDemo).
    /// Needs notifications; the durable client comes to each function that needs it as a [DurableClient] binding.
    /// </summary>
    public static IServiceCollection AddRelief(this IServiceCollection services)
    {
        services.AddStorage(Storage);
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
