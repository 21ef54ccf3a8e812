using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>survive.evaluate</c>.</summary>
public sealed record SurviveEvaluateOptions
{
    [Option("columns of the risk table to evaluate as markers (higher = higher risk)")]
    public IReadOnlyList<string> Markers { get; init; } = ["risk"];

    [Option("the marker that is a Cox linear predictor: its Breslow survival predictions get the Brier score (empty: no Brier)")]
    public string CoxMarker { get; init; } = "risk";

    [Option("evaluation times (empty: the quartiles of the event times, as Yu et al.'s 1-, 2-, 3-year AUCs would be on this scale)")]
    public IReadOnlyList<double> Times { get; init; } = [];

    [Option("horizon τ of Uno's C, Harrell's C up to τ and the integrated Brier score (0: the last evaluation time)", Minimum = 0)]
    public double Tau { get; init; }
}
