namespace Gonghui.Functions.Hotline.Domain;

/// <summary>
/// A unit that works tickets: new and transferred tickets are e-mailed to <see cref="Email"/> (the unit's inbox);
/// its supervisor is e-mailed on breaches and escalations.
/// </summary>
public sealed record HandlingUnit(string Id, string Name, HandlingUnitKind Kind, string RegionCode, string Email, string SupervisorEmail);
