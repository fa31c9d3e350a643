namespace Gonghui.Functions.Hotline;

/// <summary>A unit that works tickets; its supervisor is e-mailed on breaches and escalations.</summary>
public sealed record HandlingUnit(string Id, string Name, HandlingUnitKind Kind, string RegionCode, string SupervisorEmail);
