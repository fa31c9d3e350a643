namespace Gonghui.Functions.Registry.Domain;

/// <summary>在册 / 撤销 / 已故. Only an active record makes its holder eligible for the model-worker subsidy.</summary>
public enum RecordStatus
{
    Active,
    Revoked,
    Deceased,
}
