using System.Security.Cryptography;
using System.Text;
using Gonghui.Functions.Privacy;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Functions.Nominations;

/// <summary>
/// Nominations settings: <c>Gonghui:Nominations:NationalIdHashKey</c> (base64, at least 32 bytes), the key of the
/// national IDs' keyed hash that keeps one nomination per person and campaign, and of the objection rate limit's
/// hashes of addresses and contacts. Read when nominations are first used, so an app without it still starts and
/// only nominations refuse to work.
/// </summary>
public sealed class NominationsSettings
{
    public const string NationalIdHashKeySetting = "Gonghui:Nominations:NationalIdHashKey";

    private readonly byte[] _key;

    private NominationsSettings(byte[] key)
    {
        _key = key;
        NationalIdHasher = new NationalIdHasher(key);
    }

    public NationalIdHasher NationalIdHasher { get; }

    /// <summary>Lower-case hex HMAC of <paramref name="value"/> for one <paramref name="purpose"/> ("address", "contact").</summary>
    public string KeyedHash(string purpose, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{purpose}|{value}")));

    public static NominationsSettings From(IConfiguration configuration)
    {
        var key = configuration[NationalIdHashKeySetting];
        if (string.IsNullOrWhiteSpace(key))
            throw new InvalidOperationException($"Nominations need the setting {NationalIdHashKeySetting} (base64, at least 32 bytes; see local.settings.sample.json).");
        return new NominationsSettings(Convert.FromBase64String(key));
    }
}
