namespace Gonghui.Functions.Registry.Services;

/// <summary>A full national ID shown on an explicit reveal, recorded under <see cref="RevealId"/>.</summary>
public sealed record RevealedNationalId(string RecordId, string NationalId, string RevealId, DateTimeOffset At);
