namespace Gonghui.Functions.Nominations.Domain.Registry;

/// <summary>The registry's award code for what a (provincial) campaign awards.</summary>
public static class RegistryAwardCode
{
    public static string Of(AwardType award) => award switch
    {
        AwardType.ModelWorker => "provincial_model_worker",
        AwardType.AdvancedWorker => "provincial_advanced_worker",
        AwardType.MayDayMedal => "provincial_may_day_medal",
        AwardType.Craftsman => "craftsman",
        _ => throw new ArgumentOutOfRangeException(nameof(award), award, null),
    };
}
