using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>evaluate.truth</c>.</summary>
public sealed record EvaluateTruthOptions
{
    [Option("permutations of each property across patients for the chance level of the best |r|", Minimum = 20, Maximum = 100000)]
    public int Permutations { get; init; } = 200;

    [Option("q below which a feature or a pair counts as significant", Minimum = 0, Maximum = 1)]
    public double FdrThreshold { get; init; } = 0.05;

    [Option("seed of the permutations", IsSeed = true)]
    public long Seed { get; init; } = 1;
}
