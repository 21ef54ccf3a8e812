using Radiogenomics.Engine.Stages;
using Radiogenomics.Learning;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>predict.morphology</c>.</summary>
public sealed record PredictMorphologyOptions
{
    [Option("image features to predict (columns of the features table); empty: every feature")]
    public IReadOnlyList<string> Targets { get; init; } = [];

    [Option("without an encoder, from an expression (counts) table: the genes of highest variance of log2(CPM + 1) kept as inputs", Minimum = 1)]
    public int TopGenes { get; init; } = 2000;

    [Option("hidden layers without a pretrained encoder (with one, the encoder's layers are used)")]
    public IReadOnlyList<double> Hidden { get; init; } = [2000, 1000, 500];

    [Option("hidden activation: tanh (the paper), relu or selu")]
    public MlpActivation Activation { get; init; } = MlpActivation.Tanh;

    [Option("dropout probability after each hidden layer (the paper: 0.25)", Minimum = 0, Maximum = 0.95)]
    public double Dropout { get; init; } = 0.25;

    [Option("non-negative outputs (a ReLU on the output layer), for features that cannot be negative")]
    public bool Nonnegative { get; init; }

    [Option("divide each target by its SD over the training patients, so the MAE weighs features alike (predictions are scaled back)")]
    public bool ScaleTargets { get; init; } = true;

    [Option("adam or sgd")]
    public MlpOptimizer Optimizer { get; init; } = MlpOptimizer.Adam;

    [Option("learning rate", Minimum = 0)]
    public double LearningRate { get; init; } = 1e-3;

    [Option("SGD momentum", Minimum = 0, Maximum = 0.999)]
    public double Momentum { get; init; }

    [Option("L2 penalty (weight decay) on every weight", Minimum = 0)]
    public double L2 { get; init; }

    [Option("patients per mini-batch", Minimum = 1)]
    public int BatchSize { get; init; } = 16;

    [Option("epochs at most", Minimum = 1)]
    public int Epochs { get; init; } = 200;

    [Option("early stopping: epochs without a lower validation MAE; 0 = run every epoch (the best epoch is still kept)", Minimum = 0)]
    public int Patience { get; init; } = 20;

    [Option("share of each training fold's patients held out for early stopping", Minimum = 0.05, Maximum = 0.5)]
    public double ValidationFraction { get; init; } = 0.1;

    [Option("patient folds: seeded and balanced over the patients in ordinal order of patient_id (StratifiedFolds with one class)", Minimum = 3)]
    public int Folds { get; init; } = 10;

    [Option("clinical column with each patient's fold (1..K), so several stages share folds; empty: drawn with seed")]
    public string FoldColumn { get; init; } = "";

    [Option("seed of folds, splits, weights and batch orders", IsSeed = true)]
    public int Seed { get; init; } = 2018;

    [Option("libtorch CPU threads; 0 = all cores (bit-identical results need the same seed and thread count)", Minimum = 0, Maximum = 1024)]
    public int Threads { get; init; } = 1;
}
