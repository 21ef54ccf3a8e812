using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>survive.km</c>.</summary>
public sealed record SurviveKmOptions
{
    [Option("column of the survival table with the follow-up time")]
    public string TimeColumn { get; init; } = SurvivalTable.DefaultTimeColumn;

    [Option("column of the survival table with the event flag (1 = event, 0 = censored)")]
    public string EventColumn { get; init; } = SurvivalTable.DefaultEventColumn;

    [Option("column whose values (or cut) make the groups: a survival or clinical column, or 'risk' from survive.cox")]
    public string GroupBy { get; init; } = "";

    [Option("none (the values are the groups), median, maxstat, value or cross_validated (maxstat per fold on the other folds)")]
    public SurvivalCut Cut { get; init; } = SurvivalCut.None;

    [Option("the cut when cut is value: ≤ it is low")]
    public double CutValue { get; init; }

    [Option("smallest share of patients in either group for maxstat cuts (survminer's minprop)", Minimum = 0, Maximum = 0.5)]
    public double MinProp { get; init; } = 0.1;

    [Option("folds of the cross-validated cut", Minimum = 2)]
    public int Folds { get; init; } = 5;

    [Option("seed of the cross-validation folds", IsSeed = true)]
    public long Seed { get; init; } = 1;

    [Option("times for the number-at-risk table and the at_times output (empty: the plot's x ticks)")]
    public IReadOnlyList<double> Times { get; init; } = [];

    [Option("rho of the G-rho test (0: log-rank, 1: Peto–Peto), as survdiff", Minimum = 0)]
    public double Rho { get; init; }

    [Option("x axis label of the plot (empty: the time column)")]
    public string TimeLabel { get; init; } = "";
}
