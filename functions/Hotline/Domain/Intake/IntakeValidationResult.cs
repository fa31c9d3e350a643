using System.Diagnostics.CodeAnalysis;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Hotline.Domain;

public sealed record IntakeValidationResult(TicketIntake? Intake, IReadOnlyList<FieldError> Errors)
{
    [MemberNotNullWhen(true, nameof(Intake))]
    public bool IsValid => Intake is not null;
}
