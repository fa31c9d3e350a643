namespace Gonghui.Functions.Security;

/// <summary>
/// An HTTP function anyone may call: it checks its own credential (e.g. the signed token of an approval link).
/// The caller is not identified.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PublicAccessAttribute : Attribute;
