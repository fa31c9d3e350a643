using Gonghui.Hosting.Functions;

namespace Gonghui.Hosting.Triggers;

/// <summary>
/// An HTTP function: <c>[HttpTrigger("get", "post", Route = "tickets/{id}", Roles = ApiRoles.Operator)] HttpRequest req</c>.
/// Every HTTP function says who may call it: some <see cref="Roles"/>, or <see cref="Anonymous"/>.
/// </summary>
public sealed class HttpTriggerAttribute(params string[] methods) : TriggerBindingAttribute
{
    public override string TriggerType => "httpTrigger";

    public string[] Methods { get; } = methods.Select(m => m.ToUpperInvariant()).ToArray();

    /// <summary>Route template below the route prefix (host.json extensions.http.routePrefix, default "api").</summary>
    public string? Route { get; set; }

    public ApiRoles Roles { get; set; }

    public bool Anonymous { get; set; }
}
