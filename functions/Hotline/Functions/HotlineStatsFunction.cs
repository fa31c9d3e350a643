using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Hotline.Stores;
using Gonghui.Functions.Http;
using Gonghui.Functions.Security;
using Gonghui.Functions.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Gonghui.Functions.Hotline.Functions;

/// <summary>GET /api/hotline/stats?from=&amp;to=&amp;region=&amp;category=&amp;unit=&amp;groupBy= (supervisors): figures summed from the buckets.</summary>
public sealed class HotlineStatsFunction(FigureStore figures, ReferenceDataStore reference)
{
    private static readonly string[] Known = ["from", "to", "region", "category", "unit", "groupBy"];

    [Function("HotlineStats")]
    [ApiAccess(ApiRoles.Supervisor | ApiRoles.Admin)]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "hotline/stats")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var unknown = req.Query.Keys.Where(name => !Known.Contains(name, StringComparer.Ordinal) || req.Query[name].Count > 1)
            .Select(name => new FieldError(name, Known.Contains(name, StringComparer.Ordinal) ? "repeated" : "unknown_parameter"))
            .ToList();
        if (unknown.Count > 0)
        {
            return Problems.Invalid(unknown);
        }

        var data = await reference.GetAsync(cancellationToken);
        var (query, errors) = new HotlineFiguresQueryParser(data.Regions, data.Routing).Parse(
            req.Query["from"], req.Query["to"], req.Query["region"], req.Query["category"], req.Query["unit"], req.Query["groupBy"]);
        if (query is null)
        {
            return Problems.Invalid(errors);
        }

        var buckets = await figures.ReadAsync(query.Plan(), cancellationToken);
        var report = new HotlineFiguresCalculator(data.Regions).Summarize(buckets, query);
        return HotlineHttp.Json(req, StatusCodes.Status200OK, report);
    }
}
