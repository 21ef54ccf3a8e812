using System.Runtime.InteropServices;

namespace Radiogenomics.Learning.Tests;

public class DenoisingAutoencoderTests
{
    private const int Threads = 2;
    private static readonly float[] Images = SyntheticImages.Blobs(128, seed: 3);

    public DenoisingAutoencoderTests() => TorchRuntime.ThreadCount = Threads;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static AutoencoderConfig Seeded(ulong seed) => AutoencoderConfig.Published with { Seed = seed };

    [Fact]
    public void PublishedArchitectureHas4096FeaturesAndKerasSizedLayers()
    {
        using var model = DenoisingAutoencoder.Create(Seeded(1), TorchDevice.Cpu);
        Assert.Equal(4096, model.FeatureCount);
        Assert.Equal(64 * 64, model.InputSize);
        // conv 1→16, 16→16 | 16→16, 16→16 | 16→1, 3×3 kernels with biases
        Assert.Equal(160 + 2320 + 2320 + 2320 + 145, model.ParameterCount);
        Assert.Equal(
            ["encoder.0.weight", "encoder.0.bias", "encoder.1.weight", "encoder.1.bias", "decoder.0.weight", "decoder.0.bias",
             "decoder.1.weight", "decoder.1.bias", "output.weight", "output.bias"],
            model.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void SeedCodePresetTakesFeaturesFromTheSecondOfThreePools()
    {
        using var model = DenoisingAutoencoder.Create(AutoencoderConfig.SeedCode with { Seed = 1 }, TorchDevice.Cpu);
        Assert.Equal(4096, model.FeatureCount);
        Assert.Contains(model.Parameters, p => p.Name == "encoder.2.weight");
        var images = Images.AsSpan(0, 4 * model.InputSize);
        Assert.Equal(4 * 4096, model.Encode(images).Length);
        var reconstruction = model.Reconstruct(images);
        Assert.Equal(images.Length, reconstruction.Length);
        Assert.All(reconstruction, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void GlorotInitialisationWithZeroBiases()
    {
        using var model = DenoisingAutoencoder.Create(Seeded(2), TorchDevice.Cpu);
        var limit = Math.Sqrt(6.0 / ((16 * 9) + (16 * 9)));  // encoder.1: fan_in = fan_out = 16·3·3
        var weights = model.GetParameter("encoder.1.weight");
        Assert.All(weights, w => Assert.InRange(Math.Abs(w), 0, limit));
        Assert.True(weights.Max() > 0.9 * limit && weights.Min() < -0.9 * limit);
        Assert.All(model.GetParameter("encoder.1.bias"), b => Assert.Equal(0f, b));
    }

    [Fact]
    public void TrainingLowersTheReconstructionLoss()
    {
        using var model = DenoisingAutoencoder.Create(Seeded(4), TorchDevice.Cpu);
        var before = model.Evaluate(Images);
        var epochLosses = Enumerable.Range(0, 4).Select(_ => model.TrainEpoch(Images, cancellationToken: Token)).ToArray();
        var after = model.Evaluate(Images);

        Assert.True(epochLosses[^1] < epochLosses[0], $"epoch losses {string.Join(", ", epochLosses)}");
        Assert.True(after < before, $"validation loss {before} → {after}");
    }

    [Fact]
    public void SameSeedAndThreadsGiveBitIdenticalWeightsAndFeatures()
    {
        (float[] Features, float[] Weights) Run(ulong seed)
        {
            using var model = DenoisingAutoencoder.Create(Seeded(seed), TorchDevice.Cpu);
            model.TrainEpoch(Images, cancellationToken: Token);
            model.TrainEpoch(Images, cancellationToken: Token);
            return (model.Encode(Images.AsSpan(0, 16 * model.InputSize)), model.GetParameter("decoder.1.weight"));
        }

        var first = Run(7);
        var second = Run(7);
        Assert.True(Bits(first.Features).SequenceEqual(Bits(second.Features)), "features differ between identical runs");
        Assert.True(Bits(first.Weights).SequenceEqual(Bits(second.Weights)), "weights differ between identical runs");

        var other = Run(8);
        Assert.False(Bits(first.Features).SequenceEqual(Bits(other.Features)), "a different seed should change the features");
    }

    [Fact]
    public void FeaturesAreTheSecondPoolOutputFlattenedKernelMajor()
    {
        using var model = DenoisingAutoencoder.Create(Seeded(5), TorchDevice.Cpu);
        model.TrainEpoch(Images, cancellationToken: Token);  // non-zero biases make the check stricter
        const int count = 2;
        var images = Images.AsSpan(0, count * model.InputSize);
        var features = model.Encode(images);

        var w0 = model.GetParameter("encoder.0.weight");
        var b0 = model.GetParameter("encoder.0.bias");
        var w1 = model.GetParameter("encoder.1.weight");
        var b1 = model.GetParameter("encoder.1.bias");
        for (var n = 0; n < count; n++)
        {
            var input = images.Slice(n * 4096, 4096).ToArray().Select(v => (double)v).ToArray();
            var block1 = MaxPool(ConvSameRelu(input, 1, 64, w0, b0, 16), 16, 64);
            var block2 = MaxPool(ConvSameRelu(block1, 16, 32, w1, b1, 16), 16, 32);  // [kernel, row, column], 16×16×16
            for (var kernel = 0; kernel < 16; kernel++)
            {
                for (var row = 0; row < 16; row++)
                {
                    for (var column = 0; column < 16; column++)
                    {
                        var expected = block2[(kernel * 256) + (row * 16) + column];
                        var actual = features[(n * 4096) + (kernel * 256) + (row * 16) + column];
                        Assert.True(
                            Math.Abs(expected - actual) <= 1e-4 + (1e-4 * Math.Abs(expected)),
                            $"image {n}, kernel {kernel}, row {row}, column {column}: expected {expected}, got {actual}");
                    }
                }
            }
        }
    }

    [Fact]
    public void SaveAndLoadRoundTripGivesIdenticalFeatures()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rgt-{Guid.NewGuid():N}.pt");
        try
        {
            using var trained = DenoisingAutoencoder.Create(Seeded(9), TorchDevice.Cpu);
            trained.TrainEpoch(Images, cancellationToken: Token);
            trained.Save(path);
            var expected = trained.Encode(Images.AsSpan(0, 8 * trained.InputSize));

            using var restored = DenoisingAutoencoder.Create(Seeded(10), TorchDevice.Cpu);
            Assert.False(Bits(expected).SequenceEqual(Bits(restored.Encode(Images.AsSpan(0, 8 * restored.InputSize)))));
            restored.Load(path);
            Assert.True(Bits(expected).SequenceEqual(Bits(restored.Encode(Images.AsSpan(0, 8 * restored.InputSize)))));
            restored.TrainEpoch(Images, cancellationToken: Token);  // a fresh optimizer after Load

            using var otherShape = DenoisingAutoencoder.Create(
                AutoencoderConfig.Published with { EncoderFilters = [8, 16], Seed = 1 }, TorchDevice.Cpu);
            var refused = Assert.Throws<TorchBridgeException>(() => otherShape.Load(path));
            Assert.Contains("do not fit this model", refused.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadingAMissingFileIsAnIoError()
    {
        using var model = DenoisingAutoencoder.Create(Seeded(1), TorchDevice.Cpu);
        var refused = Assert.Throws<TorchBridgeException>(() => model.Load("/nonexistent/weights.pt"));
        Assert.Equal(TorchBridgeStatus.IoError, refused.Status);
        Assert.Contains("/nonexistent/weights.pt", refused.Message);
    }

    [Theory]
    [InlineData("decoder", "decoder_filters must have one entry per encoder block")]
    [InlineData("kernel", "kernel_size must be a positive odd number")]
    [InlineData("feature", "feature_block must be between 1 and 2, not 3")]
    [InlineData("size", "height and width must be divisible by 2^2")]
    public void InvalidConfigRaisesTheNativeMessage(string fault, string message)
    {
        var config = fault switch
        {
            "decoder" => AutoencoderConfig.Published with { DecoderFilters = [16] },
            "kernel" => AutoencoderConfig.Published with { KernelSize = 4 },
            "feature" => AutoencoderConfig.Published with { FeatureBlock = 3 },
            _ => AutoencoderConfig.Published with { InputHeight = 62 },
        };

        var refused = Assert.Throws<TorchBridgeException>(() => DenoisingAutoencoder.Create(config, TorchDevice.Cpu));
        Assert.Equal(TorchBridgeStatus.InvalidArgument, refused.Status);
        Assert.Contains(message, refused.Message);
    }

    [Fact]
    public void ReportsProgressAfterEveryBatch()
    {
        using var model = DenoisingAutoencoder.Create(Seeded(3) with { BatchSize = 48 }, TorchDevice.Cpu);
        var reports = new List<TrainingProgress>();
        var loss = model.TrainEpoch(Images, new SynchronousProgress(reports.Add), Token);
        Assert.Equal([1L, 2L, 3L], reports.Select(r => r.BatchesDone));  // 48 + 48 + 32 images
        Assert.All(reports, r => Assert.Equal(3, r.BatchCount));
        Assert.Equal(loss, reports[^1].RunningLoss, 12);
    }

    [Fact]
    public void CancellationStopsBetweenBatches()
    {
        using var model = DenoisingAutoencoder.Create(Seeded(3) with { BatchSize = 16 }, TorchDevice.Cpu);
        using var cancellation = new CancellationTokenSource();
        var batches = 0;
        var progress = new SynchronousProgress(p =>
        {
            batches++;
            if (p.BatchesDone == 2)
            {
                cancellation.Cancel();
            }
        });

        Assert.Throws<OperationCanceledException>(() => model.TrainEpoch(Images, progress, cancellation.Token));
        Assert.Equal(2, batches);
    }

    [Fact]
    public void AnExceptionInTheProgressCallbackSurfacesAfterTheNativeCall()
    {
        using var model = DenoisingAutoencoder.Create(Seeded(3), TorchDevice.Cpu);
        var thrown = Assert.Throws<InvalidOperationException>(
            () => model.TrainEpoch(Images, new SynchronousProgress(_ => throw new InvalidOperationException("from callback")), Token));
        Assert.Equal("from callback", thrown.Message);
    }

    [Fact]
    public void ExplicitOrderIsHonouredAndChecked()
    {
        var order = Enumerable.Range(0, 128).Select(i => (long)(127 - i)).ToArray();
        float[] Run()
        {
            using var model = DenoisingAutoencoder.Create(Seeded(6), TorchDevice.Cpu);
            model.TrainEpoch(Images, order, cancellationToken: Token);
            return model.GetParameter("output.weight");
        }

        Assert.Equal(Run(), Run());

        using var model = DenoisingAutoencoder.Create(Seeded(6), TorchDevice.Cpu);
        var refused = Assert.Throws<TorchBridgeException>(() => model.TrainEpoch(Images, [0L, 128L], cancellationToken: Token));
        Assert.Contains("order entries must lie in [0, count)", refused.Message);
    }

    [Fact]
    public void RejectsBuffersThatAreNotWholeImages()
    {
        using var model = DenoisingAutoencoder.Create(Seeded(1), TorchDevice.Cpu);
        Assert.Throws<ArgumentException>(() => model.Encode(new float[4095]));
        Assert.Throws<ArgumentException>(() => model.Encode(new float[4096], new float[10]));
        Assert.Empty(model.Encode([]));
    }

    [Fact]
    public void FlushingDenormalsInsideLibtorchDoesNotLeakIntoTheCallersThread()
    {
        using var model = DenoisingAutoencoder.Create(Seeded(1) with { BatchSize = 128 }, TorchDevice.Cpu);
        model.TrainEpoch(Images, cancellationToken: Token);
        model.Encode(Images.AsSpan(0, model.InputSize));
        var smallestDenormal = BitConverter.Int32BitsToSingle(1);
        Assert.Equal(2, BitConverter.SingleToInt32Bits(smallestDenormal * one * 2f));
    }

    private static float one = 1f;  // a field, so the JIT cannot fold the product above

    private static ReadOnlySpan<byte> Bits(float[] values) => MemoryMarshal.AsBytes(values.AsSpan());

    // Convolution as in PyTorch and Keras (cross-correlation), zero padding, square images.
    private static double[] ConvSameRelu(double[] input, int inChannels, int side, float[] weight, float[] bias, int outChannels)
    {
        var output = new double[outChannels * side * side];
        for (var o = 0; o < outChannels; o++)
        {
            for (var y = 0; y < side; y++)
            {
                for (var x = 0; x < side; x++)
                {
                    double sum = bias[o];
                    for (var i = 0; i < inChannels; i++)
                    {
                        for (var dy = -1; dy <= 1; dy++)
                        {
                            for (var dx = -1; dx <= 1; dx++)
                            {
                                int yy = y + dy, xx = x + dx;
                                if (yy >= 0 && yy < side && xx >= 0 && xx < side)
                                {
                                    sum += weight[(((o * inChannels) + i) * 9) + ((dy + 1) * 3) + dx + 1] * input[(((i * side) + yy) * side) + xx];
                                }
                            }
                        }
                    }

                    output[(((o * side) + y) * side) + x] = Math.Max(0, sum);
                }
            }
        }

        return output;
    }

    private static double[] MaxPool(double[] input, int channels, int side)
    {
        var half = side / 2;
        var output = new double[channels * half * half];
        for (var c = 0; c < channels; c++)
        {
            for (var y = 0; y < half; y++)
            {
                for (var x = 0; x < half; x++)
                {
                    var at = (((c * side) + (2 * y)) * side) + (2 * x);
                    output[(((c * half) + y) * half) + x] = Math.Max(
                        Math.Max(input[at], input[at + 1]), Math.Max(input[at + side], input[at + side + 1]));
                }
            }
        }

        return output;
    }

    // Progress<T> posts to a synchronization context; tests need the report before the next batch.
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
