namespace Gonghui.Functions.Nominations.Domain.Review;

/// <summary>A person who reviews at one level for one region; <see cref="Id"/> is what review links are bound to.</summary>
public sealed record Reviewer(string Id, string Name, string Email);
