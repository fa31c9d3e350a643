using Gonghui.Durable;
using Gonghui.Functions.Notifications;
using Gonghui.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Functions.ReliefService;

public static class ReliefServiceCollectionExtensions
{
    /// <summary>
    /// Relief funds: stores, the ReliefApproval orchestration and its activities, the HTTP functions, the
    /// /approvals/{token} pages and the demo seeding (Relief:SeedDemo). Adds notifications and the durable engine
    /// unless the app added them already.
    /// </summary>
    public static FunctionsApplicationBuilder AddRelief(this FunctionsApplicationBuilder builder)
    {
        var services = builder.Services;
        if (services.All(d => d.ServiceType != typeof(EmailOutbox)))
            services.AddNotifications(builder.Configuration);
        if (services.All(d => d.ServiceType != typeof(DurableTaskClient)))
            services.AddDurableTask(builder.Configuration);
        services.AddSingleton<ReliefSettingsAccessor>();
        services.AddSingleton<ProgramStore>();
        services.AddSingleton<BudgetStore>();
        services.AddSingleton<ApplicationStore>();
        services.AddSingleton<ApprovalTaskStore>();
        services.AddSingleton<PaymentStore>();
        services.AddSingleton<ReliefDirectory>();
        services.AddSingleton<ReliefMail>();
        services.AddSingleton<ReliefSubmissions>();
        services.AddSingleton<ReliefDecisions>();
        services.AddSingleton<ApprovalLinkEndpoint>();
        services.AddSingleton<IStartupFilter, ApprovalLinkStartupFilter>();
        services.AddHostedService<ReliefDemoSeeder>();
        builder.AddFunctions(typeof(ReliefServiceCollectionExtensions).Assembly);
        return builder;
    }
}
