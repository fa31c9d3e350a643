namespace Gonghui.Functions.Registry.Domain;

/// <summary>One honour a person holds: its kind's code, the year it was awarded, who awarded it and where the person worked then.</summary>
public sealed record Award(string Kind, int Year, string AwardingBody, string EmployerAtAward);
