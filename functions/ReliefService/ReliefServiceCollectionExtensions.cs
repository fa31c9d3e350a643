using Gonghui.Functions.Registry;
using Gonghui.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Functions.ReliefService;

public static class ReliefServiceCollectionExtensions
{
    /// <summary>
    /// Relief funds: stores, the ReliefApproval orchestration and its activities, the HTTP functions, the
    /// /approvals/{token} pages and the demo seeding (Gonghui:Relief:SeedDemo). Needs notifications and the durable engine.
    /// </summary>
    public static FunctionsApplicationBuilder AddRelief(this FunctionsApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ReliefSettingsAccessor>();
        // model_worker_subsidy eligibility asks the registry.
        services.AddRegistry(builder.Configuration);
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
