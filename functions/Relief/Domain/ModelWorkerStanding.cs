namespace Gonghui.Functions.Relief.Domain;

/// <summary>What the model-worker registry holds on an applicant, as eligibility needs it.</summary>
public enum ModelWorkerStanding
{
    NotRegistered,
    Active,
    Revoked,
    Deceased,
}
