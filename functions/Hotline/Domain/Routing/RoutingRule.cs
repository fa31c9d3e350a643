namespace Gonghui.Functions.Hotline.Domain;

/// <summary>Tickets of a region (and, when given, a category) go to a unit. A null category matches every category.</summary>
public sealed record RoutingRule(string RegionCode, TicketCategory? Category, string UnitId);
