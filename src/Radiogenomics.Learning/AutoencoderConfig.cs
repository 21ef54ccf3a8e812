using System.Text;
using System.Text.Json;

namespace Radiogenomics.Learning;

/// <summary>
/// Architecture and training settings of a convolutional denoising autoencoder.
/// Encoder block i: conv (KernelSize², 'same', EncoderFilters[i]) + ReLU + 2×2 max-pool; decoder block j:
/// conv (DecoderFilters[j]) + ReLU + nearest up-sampling ×2; then a conv to InputChannels and a sigmoid.
/// The features are the pooled output of encoder block <see cref="FeatureBlock"/>, flattened kernel-major.
/// </summary>
public sealed record AutoencoderConfig
{
    /// <summary>Liu &amp; Hu 2023: two 16-filter blocks, features after the second pool (16×16×16 = 4,096).</summary>
    public static AutoencoderConfig Published { get; } = new();

    /// <summary>The authors' released code: three blocks, features still taken after the second pool.</summary>
    public static AutoencoderConfig SeedCode { get; } = new()
    {
        EncoderFilters = [16, 16, 16],
        DecoderFilters = [16, 16, 16],
        FeatureBlock = 2,
    };

    public int InputChannels { get; init; } = 1;

    public int InputHeight { get; init; } = 64;

    public int InputWidth { get; init; } = 64;

    /// <summary>Filters of each encoder block; one 2×2 pooling per block.</summary>
    public IReadOnlyList<int> EncoderFilters { get; init; } = [16, 16];

    /// <summary>Filters of each decoder block; needs one entry per encoder block.</summary>
    public IReadOnlyList<int> DecoderFilters { get; init; } = [16, 16];

    public int KernelSize { get; init; } = 3;

    /// <summary>1-based encoder block whose pooled output are the features; null means the last block.</summary>
    public int? FeatureBlock { get; init; }

    /// <summary>Hidden activation: ReLU (the paper) or leaky ReLU with <see cref="NegativeSlope"/>.</summary>
    public AutoencoderActivation Activation { get; init; } = AutoencoderActivation.Relu;

    /// <summary>Slope of leaky ReLU below zero.</summary>
    public double NegativeSlope { get; init; } = 0.01;

    /// <summary>Initial value of every hidden bias (Keras: 0).</summary>
    public double HiddenBias { get; init; }

    /// <summary>
    /// Initial bias of the output convolution (Keras: 0, so the sigmoid starts at 0.5). <see cref="OutputBiasFor"/>
    /// gives the logit of the training pixels' mean, which starts the reconstruction at the data's mean.
    /// </summary>
    public double OutputBias { get; init; }

    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam steps over which the learning rate rises linearly from LearningRate/WarmupSteps to LearningRate.</summary>
    public int WarmupSteps { get; init; }

    /// <summary>After warm-up: a constant rate, or cosine decay to 0 at <see cref="TotalSteps"/>.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>Adam steps of the whole training (epochs × batches per epoch); needed by the cosine schedule.</summary>
    public int TotalSteps { get; init; }

    /// <summary>
    /// Polyak averaging: with d &gt; 0 the trainer keeps an exponential moving average of the weights (decay of step t:
    /// min(d, (1 + t) / (10 + t))), which <see cref="AutoencoderTrainer"/> evaluates, encodes with and saves. It damps
    /// the step-to-step noise of small batches without slowing the first epochs; 0 = the last step's weights.
    /// </summary>
    public double AverageDecay { get; init; }

    /// <summary>The inverse-square-root schedule's scale: the rate is full for this many steps after warm-up, then falls as 1/√t.</summary>
    public int DecaySteps { get; init; }

    public int BatchSize { get; init; } = 64;

    /// <summary>Standard deviation of the Gaussian noise added to training inputs (then clipped to [0, 1]).</summary>
    public double InputNoiseStd { get; init; } = 0.05;

    /// <summary>Seeds weight initialisation, shuffling and noise; null draws one from <see cref="TorchRuntime.SetSeed"/>'s generator.</summary>
    public ulong? Seed { get; init; }

    /// <summary>logit(mean pixel), the mean clamped into (0, 1): the output bias that makes an untrained network's
    /// sigmoid output the training images' mean.</summary>
    public static double OutputBiasFor(double meanPixel)
    {
        if (!double.IsFinite(meanPixel)) throw new ArgumentOutOfRangeException(nameof(meanPixel), meanPixel, "must be finite");
        double mean = Math.Clamp(meanPixel, 1e-4, 1 - 1e-4);
        return Math.Log(mean / (1 - mean));
    }

    /// <summary>Floats per image: channels × height × width.</summary>
    public int InputSize => InputChannels * InputHeight * InputWidth;

    internal string ToModelJson() => Write(writer =>
    {
        writer.WriteString("kind", "conv_autoencoder");
        WriteIntegers(writer, "input_shape", [InputChannels, InputHeight, InputWidth]);
        WriteIntegers(writer, "encoder_filters", EncoderFilters);
        WriteIntegers(writer, "decoder_filters", DecoderFilters);
        writer.WriteNumber("kernel_size", KernelSize);
        if (FeatureBlock is { } block)
        {
            writer.WriteNumber("feature_block", block);
        }

        if (Activation == AutoencoderActivation.LeakyRelu)
        {
            writer.WriteString("activation", "leaky_relu");
            writer.WriteNumber("negative_slope", NegativeSlope);
        }

        writer.WriteNumber("hidden_bias", HiddenBias);
        writer.WriteNumber("output_bias", OutputBias);
        if (Seed is { } seed)
        {
            writer.WriteNumber("seed", seed);
        }
    });

    internal string ToTrainerJson() => Write(writer =>
    {
        writer.WriteString("optimizer", "adam");
        writer.WriteNumber("learning_rate", LearningRate);
        writer.WriteNumber("batch_size", BatchSize);
        writer.WriteNumber("input_noise_std", InputNoiseStd);
        writer.WriteBoolean("clip_noisy_input", true);
        writer.WriteNumber("warmup_steps", WarmupSteps);
        writer.WriteString("schedule", Schedule switch
        {
            LearningRateSchedule.Constant => "constant",
            LearningRateSchedule.Cosine => "cosine",
            LearningRateSchedule.InverseSqrt => "inverse_sqrt",
            _ => throw new ArgumentOutOfRangeException(nameof(Schedule), Schedule, "unknown learning-rate schedule"),
        });
        writer.WriteNumber("total_steps", TotalSteps);
        writer.WriteNumber("decay_steps", DecaySteps);
        writer.WriteNumber("average_decay", AverageDecay);
    });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteIntegers(Utf8JsonWriter writer, string name, IEnumerable<int> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }
}
