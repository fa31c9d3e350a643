namespace Gonghui.Functions.Nominations.Domain.Notice;

/// <summary>The public objection form as posted.</summary>
public sealed record ObjectionRequest(string? NominationId, string? Name, string? Contact, string? Text);
