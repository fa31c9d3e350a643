using Gonghui.Functions.Validation;
using Gonghui.Functions.Http;
using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Registry.Services;
using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Registry.Functions;

/// <summary>
/// How the registry's functions answer: the caller from the API key (admins reach every record, registry staff the
/// region of their key), and each <see cref="RegistryOutcome"/> as one status: 200/201, 400 with every field error,
/// 404 registry.not_found, 403 registry.out_of_scope, 412 registry.changed, 409 registry.already_registered.
/// </summary>
public static class RegistryHttp
{
    public static RegistryCaller Caller(HttpRequest req)
    {
        var caller = req.HttpContext.GetApiCaller()!;
        return caller.Role.HasFlag(ApiRoles.Admin)
            ? new RegistryCaller(caller.KeyId, caller.Name, RegistryRole.Admin, null)
            : new RegistryCaller(caller.KeyId, caller.Name, RegistryRole.Staff, caller.Region);
    }

    public static IResult Answer<T>(RegistryResult<T> result, Func<T, IResult> succeeded) where T : class => result.Outcome switch
    {
        RegistryOutcome.Ok or RegistryOutcome.Created => succeeded(result.Value!),
        RegistryOutcome.Invalid => Problems.Invalid(result.Errors),
        RegistryOutcome.NotFound => Problems.NotFound("No such registry record.", RegistryErrorCodes.NotFound),
        RegistryOutcome.OutOfScope => Problems.Forbidden(RegistryErrorCodes.OutOfScope, "The record or region is outside your key's region."),
        RegistryOutcome.Stale => Problems.PreconditionFailed("The record changed since you read it; read it again and retry.", RegistryErrorCodes.Changed),
        RegistryOutcome.AlreadyRegistered => Problems.Conflict(RegistryErrorCodes.AlreadyRegistered, "This person has a record already: update it instead."),
        _ => throw new InvalidOperationException(result.Outcome.ToString()),
    };

    public static Problem IfMatchRequired() =>
        Problems.PreconditionRequired("registry.if_match_required", "Send the record's ETag as If-Match: an update never overwrites unseen changes.");

    /// <summary>The search the request's query string asks for (name, nameMatch, region, award, year, status, pageSize, continuation).</summary>
    public static ValidationResult<RegistrySearchQuery> SearchQuery(HttpRequest req, AwardCatalog awards)
    {
        string? Value(string name) => req.Query[name].ToString() is { Length: > 0 } value ? value : null;
        return RegistrySearchQueryParser.Parse(Value("name"), Value("nameMatch"), Value("region"), Value("award"), Value("year"),
            Value("status"), Value("pageSize"), Value("continuation"), awards);
    }

    /// <summary>An export's CSV as a download named by today's date, not kept by browsers or proxies.</summary>
    public static IResult CsvDownload(byte[] csv) =>
        NoStore(Results.File(csv, "text/csv; charset=utf-8", $"model-workers-{DateTime.UtcNow:yyyyMMdd}.csv"));

    /// <summary>Full national IDs are not to be kept by browsers or proxies.</summary>
    public static IResult NoStore(IResult inner) => new WithHeadersResult(inner, ("Cache-Control", "no-store"));
}
