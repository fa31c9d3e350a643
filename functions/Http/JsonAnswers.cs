using Gonghui.Functions.Json;
using Microsoft.AspNetCore.Http;

namespace Gonghui.Functions.Http;

/// <summary>Successful JSON answers in the app's JSON (<see cref="AppJson.Options"/>), with the headers a resource answer carries.</summary>
public static class JsonAnswers
{
    public static IResult Json(object value, int status = StatusCodes.Status200OK) => Results.Json(value, AppJson.Options, statusCode: status);

    public static IResult Created(string location, string etag, object value) =>
        new WithHeadersResult(Json(value, StatusCodes.Status201Created), ("Location", location), ("ETag", etag));

    public static IResult WithETag(string etag, IResult inner) => new WithHeadersResult(inner, ("ETag", etag));
}
