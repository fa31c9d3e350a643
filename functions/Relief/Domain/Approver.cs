namespace Gonghui.Functions.Relief.Domain;

/// <summary>A person who decides at one level; <see cref="Id"/> is what approval links are bound to.</summary>
public sealed record Approver(string Id, string Name, string Email);
