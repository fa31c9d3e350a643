namespace Gonghui.Functions.Relief.Domain;

/// <summary>Eligible (possibly as deep hardship), or refused by exactly one named rule.</summary>
public sealed record EligibilityDecision(bool IsEligible, bool IsDeepHardship, EligibilityRefusal? Refusal)
{
    public static EligibilityDecision Eligible(bool deepHardship) => new(true, deepHardship, null);

    public static EligibilityDecision Refused(string code, string message) => new(false, false, new EligibilityRefusal(code, message));
}

/// <summary><see cref="Code"/> is one of <see cref="EligibilityRules"/>; <see cref="Message"/> is Simplified Chinese.</summary>
public sealed record EligibilityRefusal(string Code, string Message);
