using Gonghui.Functions.Privacy;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Functions.Registry;

/// <summary>
/// Registry settings, read when the registry is first used (an app run without them starts, and only the registry and
/// the model-worker subsidy's eligibility refuse to work).
/// </summary>
public sealed class RegistrySettings(IConfiguration configuration)
{
    /// <summary>Base64 key (at least 32 bytes) of the national IDs' keyed hash; record ids derive from it, so it never changes.</summary>
    public const string NationalIdHashKeySetting = "Gonghui:Registry:NationalIdHashKey";

    private readonly Lazy<NationalIdHasher> _hasher = new(() =>
        configuration[NationalIdHashKeySetting] is { Length: > 0 } key
            ? new NationalIdHasher(Convert.FromBase64String(key))
            : throw new InvalidOperationException($"The registry needs the setting {NationalIdHashKeySetting} (base64, at least 32 bytes; see local.settings.sample.json)."));

    public NationalIdHasher NationalIdHasher => _hasher.Value;
}
