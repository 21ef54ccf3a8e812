using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>predict.linear</c>.</summary>
public sealed record PredictLinearOptions
{
    [Option("columns of the features (target) table to predict; empty: every numeric column")]
    public IReadOnlyList<string> Targets { get; init; } = [];

    [Option("outer folds (held-out predictions)", Minimum = 3)]
    public int Folds { get; init; } = 10;

    [Option("column with each patient's outer fold (1..K), from the clinical table if bound and holding it, else from the features table (never a target); empty: folds drawn with seed")]
    public string FoldColumn { get; init; } = "";

    [Option("without a genomic table, from an expression (counts) table: the genes of highest variance of log2(CPM + 1) kept as predictors (as predict.morphology)", Minimum = 1)]
    public int TopGenes { get; init; } = 2000;

    [Option("name of the model in the predictions table")]
    public string Model { get; init; } = "linear";

    [Option("seed of the fold assignment", IsSeed = true)]
    public int Seed { get; init; } = 2018;
}
