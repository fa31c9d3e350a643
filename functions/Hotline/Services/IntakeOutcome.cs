using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Hotline.Services;

/// <summary>What POST /api/tickets answers: the ticket accepted (202), field errors (400), or a key reused for another body (422).</summary>
public sealed record IntakeOutcome(Ticket? Ticket, IReadOnlyList<FieldError> Errors, bool KeyReusedForAnotherBody)
{
    public static IntakeOutcome Accepted(Ticket ticket) => new(ticket, [], false);

    public static IntakeOutcome Invalid(IReadOnlyList<FieldError> errors) => new(null, errors, false);

    public static IntakeOutcome KeyConflict() => new(null, [], true);
}
