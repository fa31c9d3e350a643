namespace Gonghui.Functions.Hotline.Domain;

/// <summary>The unit a ticket goes to and the rule that chose it (kept in the ticket's history).</summary>
public sealed record RoutingDecision(HandlingUnit Unit, RoutingRule Rule);
