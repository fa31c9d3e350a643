using Gonghui.Functions.Privacy;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Functions.Nominations;

/// <summary>
/// Nominations settings: <c>Gonghui:Nominations:NationalIdHashKey</c> (base64, at least 32 bytes), the key of the
/// national IDs' keyed hash that keeps one nomination per person and campaign. Read when nominations are first used,
/// so an app without it still starts and only nominations refuse to work.
/// </summary>
public sealed class NominationsSettings
{
    public const string NationalIdHashKeySetting = "Gonghui:Nominations:NationalIdHashKey";

    public required NationalIdHasher NationalIdHasher { get; init; }

    public static NominationsSettings From(IConfiguration configuration)
    {
        var key = configuration[NationalIdHashKeySetting];
        if (string.IsNullOrWhiteSpace(key))
            throw new InvalidOperationException($"Nominations need the setting {NationalIdHashKeySetting} (base64, at least 32 bytes; see local.settings.sample.json).");
        return new NominationsSettings { NationalIdHasher = new NationalIdHasher(Convert.FromBase64String(key)) };
    }
}
