namespace Gonghui.Functions.Hotline.Domain;

/// <summary>One callback (回访) call; <see cref="Satisfaction"/> 1–5 when the caller was reached.</summary>
public sealed record CallbackAttempt(DateTimeOffset At, string ActorId, bool Reached, int? Satisfaction, string? Note);
