namespace Gonghui.Functions.Registry.Domain;

/// <summary>A record as a form, request body or import row gives it: text as typed, checked by <see cref="RegistryRecordValidator"/>.</summary>
public sealed record RegistryRecordInput
{
    public string? Name { get; init; }

    /// <summary>male / female or 男 / 女; when absent, read from the national ID.</summary>
    public string? Gender { get; init; }

    /// <summary>yyyy-MM-dd (also yyyy/M/d and yyyyMMdd); when absent, read from the national ID.</summary>
    public string? BirthDate { get; init; }

    public string? NationalId { get; init; }
    public IReadOnlyList<AwardInput?>? Awards { get; init; }
    public string? CurrentEmployer { get; init; }
    public string? JobTitle { get; init; }
    public string? Region { get; init; }
    public string? Phone { get; init; }
}

/// <summary>One award as typed: kind by code or Chinese name, year as digits.</summary>
public sealed record AwardInput
{
    public string? Kind { get; init; }
    public string? Year { get; init; }
    public string? AwardingBody { get; init; }
    public string? EmployerAtAward { get; init; }
}
