namespace Gonghui.Functions.Relief.Domain;

/// <summary>The approver and deputy of one level for one region; <see cref="Approver.Id"/> is also the name of the approver's API key.</summary>
public sealed record LevelApprovers(Approver Approver, Approver Deputy);
