namespace Gonghui.Functions.Registry.Domain;

/// <summary>
/// The honours the registry knows, held as data: records keep an award's code, imports and forms may name it by
/// code or by its Chinese name. <see cref="Default"/> is the list the domain names.
/// </summary>
public sealed class AwardCatalog
{
    private readonly Dictionary<string, AwardKind> _byCodeOrName = new(StringComparer.Ordinal);

    public AwardCatalog(IReadOnlyList<AwardKind> kinds)
    {
        Kinds = kinds;
        foreach (var kind in kinds)
        {
            // Codes name columns of the search index: lower-case letters and underscores only.
            if (kind.Code.Length is 0 or > 40 || kind.Code.Any(c => c is not (>= 'a' and <= 'z' or '_')))
                throw new ArgumentException($"Award code '{kind.Code}' is not lower-case letters and underscores.", nameof(kinds));
            _byCodeOrName.Add(kind.Code, kind);
            _byCodeOrName.TryAdd(kind.Name, kind);
        }
    }

    public static AwardCatalog Default { get; } = new(
    [
        new("national_model_worker", "全国劳动模范", AwardLevel.National),
        new("national_advanced_worker", "全国先进工作者", AwardLevel.National),
        new("national_may_day_medal", "全国五一劳动奖章", AwardLevel.National),
        new("provincial_model_worker", "省劳动模范", AwardLevel.Provincial),
        new("provincial_advanced_worker", "省先进工作者", AwardLevel.Provincial),
        new("provincial_may_day_medal", "省五一劳动奖章", AwardLevel.Provincial),
        new("craftsman", "工匠", AwardLevel.Other),
    ]);

    public IReadOnlyList<AwardKind> Kinds { get; }

    /// <summary>By code ("craftsman") or Chinese name ("工匠"), ignoring surrounding spaces.</summary>
    public AwardKind? Find(string? codeOrName) =>
        codeOrName is null ? null : _byCodeOrName.GetValueOrDefault(codeOrName.Trim());
}
