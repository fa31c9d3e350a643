using System.Reflection;
using Gonghui.Functions.Security;
using Microsoft.Azure.Functions.Worker;

namespace Gonghui.Functions.Tests;

/// <summary>The app's functions as the worker finds them: the [Function] methods of the Gonghui.Functions assembly.</summary>
public static class AppFunctions
{
    public static Assembly Assembly => typeof(GonghuiApplication).Assembly;

    public static IReadOnlyList<MethodInfo> All { get; } = Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(m => m.IsDefined(typeof(FunctionAttribute), inherit: false))
        .ToList();

    public static IReadOnlyList<HttpFunction> Http { get; } = All
        .Select(m => (Method: m, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
        .Where(f => f.Trigger is not null)
        .Select(f => new HttpFunction(f.Method.GetCustomAttribute<FunctionAttribute>()!.Name, f.Method, f.Trigger!))
        .ToList();
}

public sealed record HttpFunction(string Name, MethodInfo Method, HttpTriggerAttribute Trigger)
{
    /// <summary>The path under the host.json route prefix ("api").</summary>
    public string Route => "api/" + (Trigger.Route ?? Name).Trim('/');

    public string HttpMethod => (Trigger.Methods?.FirstOrDefault() ?? "get").ToUpperInvariant();

    public FunctionAccessRule Access => FunctionAccess.Of(Method);

    /// <summary>The roles the function admits; null for a public function.</summary>
    public ApiRoles? Admitted => Access.Kind == FunctionAccessKind.Public ? null : Access.Roles;
}
