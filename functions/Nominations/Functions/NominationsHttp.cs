using Gonghui.Functions.Http;
using Gonghui.Functions.Relief;
using Gonghui.Functions.Validation;
using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Nominations.Functions;

/// <summary>
/// How the nominations' functions answer: JSON in the app's style, ETag and Location headers, and every field error
/// at once as problem+json in relief's style (field path → "code: message").
/// </summary>
public static class NominationsHttp
{
    public static IResult Json(object value, int status = StatusCodes.Status200OK) => Results.Json(value, FunctionJson.Options, statusCode: status);

    public static IResult WithETag(string etag, IResult inner) => new WithHeadersResult(inner, ("ETag", etag));

    public static IResult Created(string location, string etag, object value) =>
        new WithHeadersResult(Json(value, StatusCodes.Status201Created), ("Location", location), ("ETag", etag));

    /// <summary>A problem of another status that still names fields, such as 409 duplicate_nominee on nominee.nationalId.</summary>
    public static Problem FieldProblem(int status, string code, string title, string detail, IReadOnlyList<FieldError> errors) =>
        new(status, code, title, detail, Grouped(errors));

    public static Problem IfMatchRequired() =>
        new(428, "if_match_required", "Precondition required.", "Send the ETag you read as If-Match: a change never overwrites unseen changes.");

    public static Problem Stale() => Problems.PreconditionFailed("It changed since you read it; read it again and retry.", "changed");

    private static Dictionary<string, string[]> Grouped(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Code).Distinct().ToArray());
}
