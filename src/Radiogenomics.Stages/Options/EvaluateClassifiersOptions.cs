using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>evaluate.classifiers</c>.</summary>
public sealed record EvaluateClassifiersOptions
{
    [Option("Hosmer–Lemeshow groups (quantiles of the predicted probability)", Minimum = 3)]
    public int CalibrationGroups { get; init; } = 10;

    [Option("step of the decision curve's threshold probabilities (from step to 1 − step)", Minimum = 0.001, Maximum = 0.25)]
    public double DecisionStep { get; init; } = 0.01;

    [Option("risk cut-offs of the categorical NRI (probabilities; a patient above a cut-off moves to the next risk group)")]
    public IReadOnlyList<double> RiskCutoffs { get; init; } = [0.2, 0.5];

    [Option("confidence level of the DeLong, NRI and IDI intervals", Minimum = 0.5, Maximum = 0.999)]
    public double ConfidenceLevel { get; init; } = 0.95;
}
