using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Functions.ReliefService;

/// <summary>
/// Serves /approvals/{token} outside the HTTP functions' /api prefix: approval links are what approvers' mail
/// clients open, so they get a short path of their own.
/// </summary>
internal sealed class ApprovalLinkStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Map(ApprovalLinkEndpoint.PathPrefix, branch =>
            branch.Run(context => context.RequestServices.GetRequiredService<ApprovalLinkEndpoint>().HandleAsync(context)));
        next(app);
    };
}
