using System.ComponentModel.DataAnnotations;
using Gonghui.Hosting.Functions;
using Gonghui.Hosting.Http;
using Gonghui.Hosting.Security;
using Gonghui.Hosting.Triggers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Gonghui.Hosting.TestApp;

/// <summary>HTTP functions covering each way of declaring callers, result types and errors.</summary>
public static class HttpFunctions
{
    public const ApiRoles Everyone = ApiRoles.Operator | ApiRoles.Handler | ApiRoles.Supervisor | ApiRoles.Approver | ApiRoles.Admin;

    [Function("WhoAmI")]
    public static IResult WhoAmI([HttpTrigger("get", Route = "test/whoami", Roles = Everyone)] HttpRequest req, ApiCaller caller) =>
        Results.Json(caller, FunctionJson.Options);

    [Function("OperatorOnly")]
    public static object OperatorOnly([HttpTrigger("get", Route = "test/operator", Roles = ApiRoles.Operator)] HttpRequest req) =>
        new { role = "operator" };

    [Function("Staff")]
    public static IActionResult Staff([HttpTrigger("get", "post", Route = "test/staff", Roles = ApiRoles.Handler | ApiRoles.Supervisor)] HttpRequest req) =>
        new OkObjectResult(new { role = "staff" });

    [Function("Approve")]
    public static IResult Approve([HttpTrigger("post", Route = "test/approvals/{id}", Roles = ApiRoles.Approver)] HttpRequest req, string id) =>
        id == "decided"
            ? Problems.Conflict("already-decided", "This approval was already decided.")
            : Results.Json(new { id });

    [Function("AdminOnly")]
    public static void AdminOnly([HttpTrigger("delete", Route = "test/admin", Roles = ApiRoles.Admin)] HttpRequest req)
    {
    }

    [Function("Public")]
    public static IResult Public([HttpTrigger("get", Route = "test/public", Anonymous = true)] HttpRequest req) => Results.Text("公开");

    [Function("Echo")]
    public static async Task<IResult> Echo([HttpTrigger("post", Route = "test/echo", Roles = Everyone)] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var body = await req.ReadJsonBodyAsync<EchoRequest>(cancellationToken);
        return body.IsValid ? Results.Json(body.Value, FunctionJson.Options) : body.Problem;
    }

    [Function("Throw")]
    public static IResult Throw([HttpTrigger("get", Route = "test/throw", Roles = Everyone)] HttpRequest req) =>
        throw new InvalidOperationException("internal detail: connection string secret-4711");
}

public sealed record EchoRequest(
    [property: Required, StringLength(10)] string Name,
    [property: Range(1, 120)] int Age,
    string? Note = null);
