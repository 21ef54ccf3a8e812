using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>extract.dae</c>.</summary>
public sealed record ExtractDaeOptions
{
    [Option("published (Liu & Hu 2023: two conv/pool blocks, features after the second pool) or seed-code (the authors' code: three blocks, features after the second pool; " +
            "their cosine-proximity loss on one channel has zero gradient and never trained, so MSE is used here)")]
    public DaePreset Preset { get; init; } = DaePreset.Published;

    [Option("training epochs (the paper: 100; the small default keeps the default workflow fast); 0 encodes with the untrained, Glorot-initialised weights, the seed code's situation (its loss never trained)", Minimum = 0, Maximum = 10000)]
    public int Epochs { get; init; } = 10;

    [Option("images per Adam step (the paper: 64; 16 takes four times the steps per epoch at about the same cost, so a short run converges further)", Minimum = 1, Maximum = 65536)]
    public int BatchSize { get; init; } = 16;

    [Option("Adam learning rate (the paper's 0.1 diverges with Adam; 1e-3 is Keras' default)", Minimum = 1e-8, Maximum = 1)]
    public double LearningRate { get; init; } = 1e-3;

    [Option("initial bias of the output convolution: mean-pixel (logit of the training images' mean pixel, so the sigmoid starts at the data's mean) or zero " +
            "(Keras' default, as published: the sigmoid starts at 0.5, overshoots to 0 in the first Adam steps and the network collapses to a blank image)")]
    public DaeOutputBias OutputBias { get; init; } = DaeOutputBias.MeanPixel;

    [Option("hidden activation: leaky-relu (slope 0.01 below zero; no unit is constant 0 on every image) or relu (as published: with it about 30 % of the 4,096 features " +
            "are dead — exactly 0 on every image — on the synthetic cohort's crops)")]
    public DaeActivation Activation { get; init; } = DaeActivation.LeakyRelu;

    [Option("Adam steps over which the learning rate rises linearly to learning_rate; 0 = none", Minimum = 0, Maximum = 10_000_000)]
    public int WarmupSteps { get; init; }

    [Option("learning rate after warm-up: constant (as published), cosine (decays to 0 at the last epoch) or inverse-sqrt (full for the first epoch, then learning_rate / √epoch)")]
    public DaeSchedule Schedule { get; init; } = DaeSchedule.Constant;

    [Option("Polyak averaging of the weights: an exponential moving average with this decay (per step: min(decay, (1 + t) / (10 + t))) is what is validated, " +
            "encoded and saved; it damps the step-to-step noise of small batches, so the validation loss falls epoch after epoch; 0 = the last step's weights (as published)", Minimum = 0, Maximum = 0.9999)]
    public double AverageDecay { get; init; } = 0.98;

    [Option("standard deviation of the Gaussian noise added to training inputs, redrawn every batch, then clipped to [0, 1]", Minimum = 0, Maximum = 1)]
    public double NoiseSigma { get; init; } = 0.05;

    [Option("share of patients held out for the validation loss (split by patient, seeded); 0 trains on all", Minimum = 0, Maximum = 0.9)]
    public double ValidationFraction { get; init; } = 0.2;

    [Option("stop after this many epochs without a lower validation loss and keep the best epoch's weights; 0 = off", Minimum = 0, Maximum = 10000)]
    public int EarlyStoppingPatience { get; init; }

    [Option("seed of weight initialisation, input noise, batch shuffling and the patient split", IsSeed = true)]
    public long Seed { get; init; } = 2023;

    [Option("libtorch CPU threads; 0 = all cores (bit-identical results need the same seed and thread count)", Minimum = 0, Maximum = 1024)]
    public int Threads { get; init; }
}
