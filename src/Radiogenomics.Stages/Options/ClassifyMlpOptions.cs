using Radiogenomics.Engine.Stages;
using Radiogenomics.Learning;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>classify.mlp</c>: the shared label options, then its own.</summary>
public sealed record ClassifyMlpOptions : ClassifyLabelOptions
{
    [Option("units of each hidden layer")]
    public IReadOnlyList<double> Hidden { get; init; } = [64, 32];

    [Option("hidden activation: relu, tanh or selu")]
    public MlpActivation Activation { get; init; } = MlpActivation.Relu;

    [Option("dropout probability after each hidden layer", Minimum = 0, Maximum = 0.95)]
    public double Dropout { get; init; } = 0.2;

    [Option("L2 penalty (weight decay) on every weight", Minimum = 0)]
    public double L2 { get; init; } = 1e-4;

    [Option("adam or sgd")]
    public MlpOptimizer Optimizer { get; init; } = MlpOptimizer.Adam;

    [Option("learning rate", Minimum = 0)]
    public double LearningRate { get; init; } = 1e-3;

    [Option("SGD momentum", Minimum = 0, Maximum = 0.999)]
    public double Momentum { get; init; }

    [Option("patients per mini-batch", Minimum = 1)]
    public int BatchSize { get; init; } = 32;

    [Option("epochs at most", Minimum = 1)]
    public int Epochs { get; init; } = 200;

    [Option("early stopping: epochs without a lower validation loss; 0 = run every epoch (the best epoch is still kept)", Minimum = 0)]
    public int Patience { get; init; } = 20;

    [Option("share of each training fold's patients held out for early stopping", Minimum = 0.05, Maximum = 0.5)]
    public double ValidationFraction { get; init; } = 0.2;

    [Option("outer folds (the estimate)", Minimum = 3)]
    public int Folds { get; init; } = 5;

    [Option("clinical column with each patient's outer fold (1..K); empty: stratified folds drawn with seed")]
    public string FoldColumn { get; init; } = "";

    [Option("label-permutation negative control: rerun the whole cross-validated estimate on this many seeded shuffles of the labels (0: none)", Minimum = 0, Maximum = 10000)]
    public int Permutations { get; init; }

    [Option("seed of folds, splits, weights and batch orders", IsSeed = true)]
    public int Seed { get; init; } = 2023;

    [Option("libtorch CPU threads; 0 = all cores (bit-identical results need the same seed and thread count)", Minimum = 0, Maximum = 1024)]
    public int Threads { get; init; } = 1;
}
