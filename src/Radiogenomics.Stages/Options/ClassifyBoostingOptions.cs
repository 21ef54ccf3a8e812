using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>classify.boosting</c>: the shared label options, then its own.</summary>
public sealed record ClassifyBoostingOptions : ClassifyLabelOptions
{
    [Option("boosting rounds (trees)", Minimum = 1)]
    public int Rounds { get; init; } = 100;

    [Option("depth of each tree", Minimum = 1, Maximum = 16)]
    public int Depth { get; init; } = 3;

    [Option("learning rate η", Minimum = 0.0001, Maximum = 1)]
    public double Eta { get; init; } = 0.1;

    [Option("share of rows per round, drawn without replacement (1: all)", Minimum = 0.01, Maximum = 1)]
    public double Subsample { get; init; } = 1;

    [Option("share of features per tree (1: all)", Minimum = 0.001, Maximum = 1)]
    public double ColumnSample { get; init; } = 1;

    [Option("smallest Hessian sum p(1 − p) in a child of a split (0: none, as scikit-learn)", Minimum = 0)]
    public double MinChildWeight { get; init; }

    [Option("outer folds (the estimate)", Minimum = 3)]
    public int Folds { get; init; } = 5;

    [Option("clinical column with each patient's outer fold (1..K); empty: stratified folds drawn with seed")]
    public string FoldColumn { get; init; } = "";

    [Option("patient (honest) or image (the seed code's leaky split, only to show the leak)")]
    public ClassifySplit Split { get; init; } = ClassifySplit.Patient;

    [Option("seed of the fold assignment and the row/feature draws", IsSeed = true)]
    public int Seed { get; init; } = 2023;
}
