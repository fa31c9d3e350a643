namespace Gonghui.Functions.Hotline.Domain;

/// <summary>An administrative region by its 6-digit code (GB/T 2260), e.g. 370102 历下区 under 370100 济南市.</summary>
public sealed record Region(string Code, string Name, string? ParentCode);
