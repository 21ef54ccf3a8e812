using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>survive.cox</c>.</summary>
public sealed record SurviveCoxOptions
{
    [Option("column of the survival table with the follow-up time")]
    public string TimeColumn { get; init; } = SurvivalTable.DefaultTimeColumn;

    [Option("column of the survival table with the event flag (1 = event, 0 = censored)")]
    public string EventColumn { get; init; } = SurvivalTable.DefaultEventColumn;

    [Option("the multivariable model's columns (survival, clinical, patient_truth, risk or genomic table, or a feature); text columns get treatment contrasts")]
    public IReadOnlyList<string> Covariates { get; init; } = [];

    [Option("column whose levels are strata with their own baseline hazard (empty: none), as coxph's strata()")]
    public string Strata { get; init; } = "";

    [Option("efron or breslow, as coxph(ties = ...)")]
    public CoxTies Ties { get; init; } = CoxTies.Efron;

    [Option("columns whose levels are subgroups: per level the exposure's HR (coxph on that level's patients), and the exposure × level interaction p (LR test); empty: none")]
    public IReadOnlyList<string> Subgroups { get; init; } = [];

    [Option("the covariate whose HR the subgroups compare (empty: the first covariate); the other covariates adjust")]
    public string SubgroupExposure { get; init; } = "";

    [Option("univariable screen: auto (every consumed feature and genomic feature), none, features or genomic")]
    public SurvivalScreen Screen { get; init; } = SurvivalScreen.Auto;

    [Option("how a patient's images become one value per feature")]
    public PatientStatistic Aggregate { get; init; } = PatientStatistic.Mean;

    [Option("q below which a screened feature counts as significant", Minimum = 0, Maximum = 1)]
    public double FdrThreshold { get; init; } = 0.05;
}
