using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Gonghui.LocalHost.TestApp;

/// <summary>HTTP functions covering each authorization level, several methods, route values, each result kind and errors.</summary>
public static class HttpFunctions
{
    [Function(nameof(Public))]
    public static IResult Public([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "test/public")] HttpRequest req) =>
        Results.Text("公开");

    [Function(nameof(Items))]
    public static object Items([HttpTrigger(AuthorizationLevel.Function, "get", "put", "delete", Route = "test/items/{id}")] HttpRequest req,
        string id) => new { id, method = req.Method };

    [Function(nameof(CreateItem))]
    public static IActionResult CreateItem([HttpTrigger(AuthorizationLevel.Function, "post", Route = "test/items")] HttpRequest req) =>
        new CreatedResult("/api/test/items/new-1", new { id = "new-1" });

    [Function(nameof(Counted))]
    public static IResult Counted([HttpTrigger(AuthorizationLevel.Function, "get", Route = "test/counts/{count:int}")] HttpRequest req,
        int count) => Results.Json(new { count, doubled = count * 2 });

    [Function(nameof(AdminOnly))]
    public static IResult AdminOnly([HttpTrigger(AuthorizationLevel.Admin, "get", "post", Route = "test/admin")] HttpRequest req) =>
        Results.NoContent();

    /// <summary>No route: the function's name is its path; no methods: every method.</summary>
    [Function(nameof(AnyMethod))]
    public static string AnyMethod([HttpTrigger(AuthorizationLevel.Anonymous)] HttpRequest req) => req.Method;

    [Function(nameof(Echo))]
    public static async Task<IResult> Echo([HttpTrigger(AuthorizationLevel.Function, "post", Route = "test/echo")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(req.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        return Results.Json(new { length = body.Length });
    }

    [Function(nameof(Throw))]
    public static IResult Throw([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "test/throw")] HttpRequest req) =>
        throw new InvalidOperationException("internal detail: connection string secret-4711");
}
