using System.Security.Cryptography;
using System.Text;
using Gonghui.LocalHost.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Gonghui.LocalHost.Http;

/// <summary>
/// The Functions host's key check for HTTP triggers, from settings instead of the host's key store: a function-level
/// trigger takes <see cref="FunctionKeySetting"/> or the master key, an admin-level one only the master key
/// (<see cref="MasterKeySetting"/>), sent as the x-functions-key header or the code query parameter. Anonymous
/// triggers need none. A level that needs a key no setting gives refuses every call.
/// </summary>
public sealed class FunctionKeys(IConfiguration configuration)
{
    public const string FunctionKeySetting = "LocalHost:FunctionKey";
    public const string MasterKeySetting = "LocalHost:MasterKey";
    public const string KeyHeader = "x-functions-key";

    public bool Allows(HttpRequest request, AuthorizationLevel level)
    {
        if (level is AuthorizationLevel.Anonymous)
            return true;
        var given = request.Headers[KeyHeader].ToString() is { Length: > 0 } header ? header : request.Query["code"].ToString();
        if (given.Length == 0)
            return false;
        return Matches(given, configuration[MasterKeySetting]) ||
               (level is not AuthorizationLevel.Admin and not AuthorizationLevel.System && Matches(given, configuration[FunctionKeySetting]));
    }

    private static bool Matches(string given, string? key) =>
        !string.IsNullOrEmpty(key) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key));
}
