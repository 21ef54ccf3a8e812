using Radiogenomics.Engine.Stages;
using Radiogenomics.Learning;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>learn.expression_autoencoder</c>.</summary>
public sealed record LearnExpressionAutoencoderOptions
{
    [Option("from an expression (counts) table: the genes of highest variance of log2(CPM + 1) kept as inputs (Smedley & Hsu: 12,042)", Minimum = 1)]
    public int TopGenes { get; init; } = 2000;

    [Option("units of the encoder's hidden layers (the decoder mirrors them); Smedley & Hsu: 2000, 1000, 500")]
    public IReadOnlyList<double> Hidden { get; init; } = [2000, 1000, 500];

    [Option("hidden activation: tanh (the paper), relu or selu")]
    public MlpActivation Activation { get; init; } = MlpActivation.Tanh;

    [Option("dropout probability after each hidden layer", Minimum = 0, Maximum = 0.95)]
    public double Dropout { get; init; }

    [Option("SGD learning rates to try (the grid's first axis)")]
    public IReadOnlyList<double> LearningRate { get; init; } = [0.01];

    [Option("SGD momenta to try (the grid's second axis)")]
    public IReadOnlyList<double> Momentum { get; init; } = [0.9];

    [Option("learning-rate decays to try: rate / (1 + decay × steps), Keras' SGD decay (the grid's third axis)")]
    public IReadOnlyList<double> Decay { get; init; } = [1e-4];

    [Option("profiles per mini-batch", Minimum = 1)]
    public int BatchSize { get; init; } = 16;

    [Option("epochs at most", Minimum = 1)]
    public int Epochs { get; init; } = 100;

    [Option("early stopping: epochs without a lower validation loss; 0 = run every epoch (the best epoch is still kept)", Minimum = 0)]
    public int Patience { get; init; } = 10;

    [Option("share of the profiles (by patient) held out to choose the epoch and the grid point", Minimum = 0.05, Maximum = 0.5)]
    public double ValidationFraction { get; init; } = 0.1;

    [Option("seed of the split, weights and batch orders", IsSeed = true)]
    public int Seed { get; init; } = 2018;

    [Option("libtorch CPU threads; 0 = all cores (bit-identical results need the same seed and thread count)", Minimum = 0, Maximum = 1024)]
    public int Threads { get; init; } = 1;
}
