using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>classify.forest</c>.</summary>
public sealed record ClassifyForestOptions
{
    [Option("clinical column that holds the label")]
    public string Label { get; init; } = "";

    [Option("auto (0/1, or text with positive), threshold or quantile")]
    public LabelRuleKind Rule { get; init; } = LabelRuleKind.Auto;

    [Option("the text level (or number) that counts as positive")]
    public string Positive { get; init; } = "";

    [Option("rule threshold: positive above this value")]
    public double Threshold { get; init; }

    [Option("rule quantile: positive above this quantile of the training patients (0.75: top quartile)", Minimum = 0, Maximum = 1)]
    public double Quantile { get; init; } = 0.75;

    [Option("patients with features but no label, or a label but no features: fail or drop")]
    public IncompletePatients Incomplete { get; init; } = IncompletePatients.Fail;

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
