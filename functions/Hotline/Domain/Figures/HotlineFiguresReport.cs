namespace Gonghui.Functions.Hotline.Domain;

/// <summary>The figures over the whole query and per group (ordered by key); no groups when not grouping.</summary>
public sealed record HotlineFiguresReport(HotlineFigures Total, IReadOnlyList<HotlineFiguresGroup> Groups);

public sealed record HotlineFiguresGroup(string Key, HotlineFigures Figures);
