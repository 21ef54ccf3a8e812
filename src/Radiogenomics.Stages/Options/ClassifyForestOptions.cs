using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>classify.forest</c>: the shared label options, then its own.</summary>
public sealed record ClassifyForestOptions : ClassifyLabelOptions
{
    [Option("trees (randomForest's ntree)", Minimum = 1)]
    public int Ntree { get; init; } = 500;

    [Option("features tried per node; 0: ⌊√p⌋ of the selected features (randomForest's default)", Minimum = 0)]
    public int Mtry { get; init; }

    [Option("nodes of at most this many distinct cases are not split (randomForest's nodesize)", Minimum = 1)]
    public int Nodesize { get; init; } = 1;

    [Option("feature selection fitted inside each training fold: none, pca or relieff")]
    public ForestSelection Selection { get; init; } = ForestSelection.None;

    [Option("pca: components kept (0: use variance); relieff: features kept", Minimum = 0)]
    public int K { get; init; } = 10;

    [Option("pca with k 0: the fewest components reaching this share of the variance", Minimum = 0, Maximum = 1)]
    public double Variance { get; init; } = 0.9;

    [Option("relieff: nearest hits and misses per case", Minimum = 1)]
    public int Neighbours { get; init; } = 10;

    [Option("outer folds (the estimate)", Minimum = 3)]
    public int Folds { get; init; } = 5;

    [Option("clinical column with each patient's outer fold (1..K); empty: stratified folds drawn with seed")]
    public string FoldColumn { get; init; } = "";

    [Option("patient (honest) or image (the seed code's leaky split, only to show the leak)")]
    public ClassifySplit Split { get; init; } = ClassifySplit.Patient;

    [Option("seed of the fold assignment and the forests", IsSeed = true)]
    public int Seed { get; init; } = 2023;
}
