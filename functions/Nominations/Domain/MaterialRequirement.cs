namespace Gonghui.Functions.Nominations.Domain;

/// <summary>A material a campaign requires: its kind as nominations tag it ("recommendation_form") and its name for people.</summary>
public sealed record MaterialRequirement(string Kind, string Name);
