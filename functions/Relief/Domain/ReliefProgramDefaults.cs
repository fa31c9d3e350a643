using Gonghui.Functions.Money;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// The programs seeded at first start. Thresholds, levels and timing follow the domain rules; the
/// money limits are starting values for administrators to set to their federation's figures.
/// </summary>
public static class ReliefProgramDefaults
{
    public const string Hardship = "hardship";
    public const string ModelWorkerSubsidy = "model_worker_subsidy";
    public const string Emergency = "emergency";

    private static readonly ApprovalTiming StandardTiming = new(2, 5, 10);

    private static readonly IReadOnlyList<ApprovalBand> BandsByAmount =
    [
        new(Yuan.FromWholeYuan(5_000), [ApprovalLevel.District]),
        new(Yuan.FromWholeYuan(20_000), [ApprovalLevel.District, ApprovalLevel.City]),
        new(null, [ApprovalLevel.District, ApprovalLevel.City, ApprovalLevel.Province]),
    ];

    public static IReadOnlyList<ReliefProgram> All { get; } =
    [
        new ReliefProgram
        {
            Code = Hardship,
            Name = "困难职工帮扶",
            MaximumPerApplication = Yuan.FromWholeYuan(10_000),
            YearlyCapPerPerson = Yuan.FromWholeYuan(30_000),
            IncomeThreshold = new IncomeThreshold(200, 100, Yuan.FromWholeYuan(30_000)),
            ApprovalBands = BandsByAmount,
            Timing = StandardTiming,
            MaxReturns = 3,
        },
        new ReliefProgram
        {
            Code = ModelWorkerSubsidy,
            Name = "劳模专项补助",
            MaximumPerApplication = Yuan.FromWholeYuan(50_000),
            YearlyCapPerPerson = Yuan.FromWholeYuan(50_000),
            RequiresModelWorkerRegistry = true,
            // "Always ends at the province": every amount climbs the whole chain.
            ApprovalBands = [new(null, [ApprovalLevel.District, ApprovalLevel.City, ApprovalLevel.Province])],
            Timing = StandardTiming,
            MaxReturns = 3,
        },
        new ReliefProgram
        {
            Code = Emergency,
            Name = "临时救助",
            MaximumPerApplication = Yuan.FromWholeYuan(20_000),
            YearlyCapPerPerson = Yuan.FromWholeYuan(20_000),
            ApprovalBands = BandsByAmount,
            Timing = StandardTiming,
            MaxReturns = 3,
        },
    ];
}
