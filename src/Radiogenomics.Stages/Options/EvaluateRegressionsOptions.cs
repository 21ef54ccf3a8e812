using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>evaluate.regressions</c>.</summary>
public sealed record EvaluateRegressionsOptions
{
    [Option("model every other model is compared with (paired Wilcoxon of absolute errors); empty: the first model bound")]
    public string Reference { get; init; } = "";

    [Option("add the training-fold mean of each target as a model (training_mean): the chance level a model must beat")]
    public bool MeanBaseline { get; init; } = true;

    [Option("Bonferroni-corrected p below which the figure marks a target", Minimum = 0, Maximum = 1)]
    public double SignificanceLevel { get; init; } = 0.05;
}
