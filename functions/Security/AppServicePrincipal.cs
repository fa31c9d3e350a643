using System.Text;
using System.Text.Json;

namespace Gonghui.Functions.Security;

/// <summary>
/// The user App Service authentication ("Easy Auth") signed in, as it passes the user on to the app in the
/// <see cref="HeaderName"/> header: Base64 of <c>{"auth_typ", "name_typ", "role_typ", "claims": [{"typ", "val"}]}</c>.
/// Only trustworthy when App Service authentication sits in front of the app (it strips the header from incoming
/// requests); <see cref="ApiKeyAuthorizer"/> reads it only when the setting says so.
/// </summary>
public sealed record AppServicePrincipal(string Name, string? ObjectId, IReadOnlyList<string> Roles)
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";
    private const string DefaultNameType = "name";
    private const string DefaultRoleType = "roles";
    private static readonly string[] ObjectIdTypes = ["http://schemas.microsoft.com/identity/claims/objectidentifier", "oid"];

    /// <summary>The app's roles among the principal's role claims (case-insensitive names, e.g. "approver").</summary>
    public ApiRoles AppRoles => Roles.Aggregate(ApiRoles.None, (all, name) => ApiRoleNames.TryParse(name, out var role) ? all | role : all);

    /// <summary>The caller as functions see it: the principal's name as actor, no unit or region scope.</summary>
    public ApiCaller ToCaller() => new("principal:" + (ObjectId ?? Name), Name, AppRoles, null, null);

    /// <summary>Null when the header is not Base64 JSON of that shape or names nobody.</summary>
    public static AppServicePrincipal? Decode(string header)
    {
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
                return null;
            var nameType = StringOf(root, "name_typ") ?? DefaultNameType;
            var roleType = StringOf(root, "role_typ") ?? DefaultRoleType;
            string? name = null, objectId = null;
            var roles = new List<string>();
            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind != JsonValueKind.Object || StringOf(claim, "typ") is not { } type || StringOf(claim, "val") is not { } value)
                    return null;
                if (type == nameType)
                    name ??= value;
                else if (type == roleType)
                    roles.Add(value);
                else if (ObjectIdTypes.Contains(type))
                    objectId ??= value;
            }
            return string.IsNullOrWhiteSpace(name) ? null : new AppServicePrincipal(name, objectId, roles);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    private static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
