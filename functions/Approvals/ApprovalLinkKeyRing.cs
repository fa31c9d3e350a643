namespace Gonghui.Functions.Approvals;

/// <summary>
/// The approval-link keys by id, with exactly one active signing key. Rotation: add a new key and
/// make it active (older links keep verifying with their key), then retire the old key once its
/// links should stop working (at the latest when they would have expired anyway).
/// </summary>
public sealed class ApprovalLinkKeyRing
{
    public const int MinSecretBytes = 32;

    private readonly Dictionary<string, ApprovalLinkKey> _keys;

    public ApprovalLinkKeyRing(IEnumerable<ApprovalLinkKey> keys, string activeKeyId)
    {
        _keys = new Dictionary<string, ApprovalLinkKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!IsValidId(key.Id)) throw new ArgumentException($"Approval link key id '{key.Id}' must be 1-16 letters, digits, '-' or '_'.", nameof(keys));
            if (key.Secret.Length < MinSecretBytes) throw new ArgumentException($"Approval link key '{key.Id}' needs a secret of at least {MinSecretBytes} bytes.", nameof(keys));
            if (!_keys.TryAdd(key.Id, key with { Secret = key.Secret.ToArray() }))
                throw new ArgumentException($"Approval link key id '{key.Id}' appears twice.", nameof(keys));
        }
        if (!_keys.TryGetValue(activeKeyId, out var active) || active.Retired)
            throw new ArgumentException($"The active approval link key '{activeKeyId}' must be in the ring and not retired.", nameof(activeKeyId));
        ActiveKey = active;
    }

    public ApprovalLinkKey ActiveKey { get; }

    public ApprovalLinkKey? Find(string keyId) => _keys.GetValueOrDefault(keyId);

    /// <summary>
    /// Reads the flat setting form "id:base64secret;id:base64secret:retired" (local.settings.json
    /// Values and environment variables hold strings only), e.g. Gonghui:Approvals:LinkKeys and Gonghui:Approvals:ActiveKeyId.
    /// </summary>
    public static ApprovalLinkKeyRing Parse(string keys, string activeKeyId)
    {
        var parsed = new List<ApprovalLinkKey>();
        foreach (var entry in keys.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(':');
            if (parts.Length is < 2 or > 3 || (parts.Length == 3 && parts[2] != "retired"))
                throw new FormatException("Approval link keys are written as id:base64secret[:retired], separated by ';'.");
            byte[] secret;
            try { secret = Convert.FromBase64String(parts[1]); }
            catch (FormatException) { throw new FormatException($"The secret of approval link key '{parts[0]}' is not base64."); }
            parsed.Add(new ApprovalLinkKey(parts[0], secret, parts.Length == 3));
        }
        return new ApprovalLinkKeyRing(parsed, activeKeyId);
    }

    private static bool IsValidId(string id) =>
        id.Length is >= 1 and <= 16 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
