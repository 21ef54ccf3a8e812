namespace Radiogenomics.Learning.Tests;

/// <summary>
/// The training design of issue #18: an output bias at the logit of the mean pixel, leaky activations, learning-rate
/// warm-up and schedule in the bridge; the constant predictor, the collapse detector and the dead-feature count.
/// </summary>
public class TrainingDesignTests
{
    private static readonly float[] Images = SyntheticImages.Blobs(96, seed: 7);

    public TrainingDesignTests() => TorchRuntime.ThreadCount = 2;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static double MeanPixel => Images.Average(v => (double)v);

    [Fact]
    public void OutputBiasStartsTheReconstructionAtTheMeanPixel()
    {
        double bias = AutoencoderConfig.OutputBiasFor(MeanPixel);
        Assert.Equal(Math.Log(MeanPixel / (1 - MeanPixel)), bias, 12);
        using var model = DenoisingAutoencoder.Create(AutoencoderConfig.Published with { Seed = 3, OutputBias = bias }, TorchDevice.Cpu);
        Assert.Equal((float)bias, Assert.Single(model.GetParameter("output.bias")));
        Assert.All(model.GetParameter("encoder.0.bias"), b => Assert.Equal(0f, b));
        // Glorot weights spread the untrained output around the bias, but its mean lands near the mean pixel,
        // where a zero bias starts every pixel near sigmoid(0) = 0.5.
        double meanOutput = model.Reconstruct(Images).Average(v => (double)v);
        using var keras = DenoisingAutoencoder.Create(AutoencoderConfig.Published with { Seed = 3 }, TorchDevice.Cpu);
        double kerasOutput = keras.Reconstruct(Images).Average(v => (double)v);
        Assert.True(Math.Abs(meanOutput - MeanPixel) < Math.Abs(kerasOutput - MeanPixel) / 3,
            $"mean output {meanOutput} with the logit bias, {kerasOutput} with zero, mean pixel {MeanPixel}");
    }

    [Theory]
    [InlineData(0.0, -9.21)]
    [InlineData(1.0, 9.21)]
    [InlineData(0.5, 0.0)]
    public void OutputBiasOfAnExtremeMeanIsClamped(double mean, double expected) =>
        Assert.Equal(expected, AutoencoderConfig.OutputBiasFor(mean), 2);

    [Fact]
    public void LeakyActivationKeepsNegativeUnitsAliveAndIsPartOfTheArchitecture()
    {
        var relu = AutoencoderConfig.Published with { Seed = 5 };
        var leaky = relu with { Activation = AutoencoderActivation.LeakyRelu };
        using var a = DenoisingAutoencoder.Create(relu, TorchDevice.Cpu);
        using var b = DenoisingAutoencoder.Create(leaky, TorchDevice.Cpu);
        var fa = a.Encode(Images);
        var fb = b.Encode(Images);
        // Same weights: the leaky features equal the ReLU ones where positive, and are negative where ReLU gives 0.
        Assert.Equal(a.GetParameter("encoder.0.weight"), b.GetParameter("encoder.0.weight"));
        Assert.Contains(fb, v => v < 0);
        Assert.DoesNotContain(fa, v => v < 0);
        int dead = TrainingDiagnostics.CountConstantFeatures(fb, b.FeatureCount, 16).Sum();
        Assert.True(dead <= TrainingDiagnostics.CountConstantFeatures(fa, a.FeatureCount, 16).Sum());

        // Weights saved by one activation do not load into the other: the architecture says which.
        string path = Path.Combine(Path.GetTempPath(), $"rg-leaky-{Guid.NewGuid():N}.pt");
        try
        {
            b.Save(path);
            var error = Assert.ThrowsAny<Exception>(() => a.Load(path));
            Assert.Contains("leaky_relu", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void WarmupAndScheduleChangeTrainingAndAreValidated()
    {
        var baseConfig = AutoencoderConfig.Published with { Seed = 9, BatchSize = 32 };
        double Train(AutoencoderConfig c)
        {
            using var m = DenoisingAutoencoder.Create(c, TorchDevice.Cpu);
            m.TrainEpoch(Images, cancellationToken: Token);
            return m.Evaluate(Images);
        }

        double constant = Train(baseConfig);
        Assert.Equal(constant, Train(baseConfig with { Schedule = LearningRateSchedule.Constant, WarmupSteps = 0, TotalSteps = 3 }));
        Assert.NotEqual(constant, Train(baseConfig with { WarmupSteps = 3 }));
        Assert.NotEqual(constant, Train(baseConfig with { Schedule = LearningRateSchedule.Cosine, TotalSteps = 3 }));

        using var model = DenoisingAutoencoder.Create(baseConfig with { Schedule = LearningRateSchedule.Cosine, WarmupSteps = 5, TotalSteps = 5 }, TorchDevice.Cpu);
        var error = Assert.ThrowsAny<Exception>(() => model.TrainEpoch(Images, cancellationToken: Token));
        Assert.Contains("total_steps", error.Message);
    }

    [Fact]
    public void WeightAveragingFollowsItsDecayAndSwapsBackExactly()
    {
        // One step per epoch (32 images, batch 32): after step 1 the average is d₁·w₀ + (1 − d₁)·w₁ with
        // d₁ = min(0.98, 2/11); after step 2, d₂ = min(0.98, 3/12) weighs it against w₂.
        var config = AutoencoderConfig.Published with { Seed = 17, BatchSize = 32, AverageDecay = 0.98 };
        var images = Images.AsSpan(0, 32 * config.InputSize).ToArray();
        using var model = DenoisingAutoencoder.Create(config, TorchDevice.Cpu);
        var w0 = model.GetParameter("encoder.0.weight");
        Assert.Throws<InvalidOperationException>(model.SwapAveragedWeights);
        model.TrainEpoch(images, cancellationToken: Token);
        var w1 = model.GetParameter("encoder.0.weight");
        model.TrainEpoch(images, cancellationToken: Token);
        var w2 = model.GetParameter("encoder.0.weight");

        model.SwapAveragedWeights();
        Assert.True(model.AverageIn);
        var average = model.GetParameter("encoder.0.weight");
        double d1 = 2.0 / 11, d2 = 3.0 / 12;
        for (int i = 0; i < w0.Length; i++)
            Assert.Equal(d2 * (d1 * w0[i] + (1 - d1) * w1[i]) + (1 - d2) * w2[i], average[i], 6);
        var error = Assert.ThrowsAny<Exception>(() => model.TrainEpoch(images, cancellationToken: Token));
        Assert.Contains("swap them out", error.Message);

        model.SwapAveragedWeights();
        Assert.False(model.AverageIn);
        Assert.Equal(w2, model.GetParameter("encoder.0.weight")); // bit for bit
    }

    [Fact]
    public void ConstantPredictorLossIsTheVarianceAroundTheTrainingMean()
    {
        float[] training = [0f, 1f, 0f, 1f];
        float[] validation = [0.5f, 1f];
        var baseline = ReconstructionBaseline.Of(training, validation);
        Assert.Equal(0.5, baseline.MeanPixel);
        Assert.Equal(0.25, baseline.TrainLoss);
        Assert.Equal((0 + 0.25) / 2, baseline.ValidationLoss);
        Assert.Null(ReconstructionBaseline.Of(training, []).ValidationLoss);
    }

    [Fact]
    public void ConstantFeaturesAreCountedPerKernel()
    {
        // 3 images × 8 features in 2 kernels of 4: feature 1 and 5–7 constant.
        float[] f =
        [
            1, 2, 3, 4, 0, 0, 0, 9,
            5, 2, 7, 8, 0, 0, 0, 1,
            1, 2, 1, 4, 0, 0, 0, 2,
        ];
        Assert.Equal([1, 3], TrainingDiagnostics.CountConstantFeatures(f, 8, 2));
        Assert.Throws<ArgumentException>(() => TrainingDiagnostics.CountConstantFeatures(f, 8, 3));
    }

    /// <summary>Trains on the first 64 images, validates on the other 32, and diagnoses the result.</summary>
    private static (AutoencoderTrainingResult Result, TrainingDiagnostics Diagnostics, ReconstructionBaseline Baseline) TrainAndDiagnose(
        AutoencoderConfig config, int epochs)
    {
        using var model = DenoisingAutoencoder.Create(config, TorchDevice.Cpu);
        var training = Images.AsSpan(0, 64 * model.InputSize).ToArray();
        var validation = Images.AsSpan(64 * model.InputSize).ToArray();
        var baseline = ReconstructionBaseline.Of(training, validation);
        var scratch = Directory.CreateTempSubdirectory("rg-diagnose").FullName;
        try
        {
            var result = AutoencoderTrainer.Train(model, training, validation, epochs, patience: 0, scratch, cancellationToken: Token);
            var diagnostics = TrainingDiagnostics.Diagnose(model, result.Epochs, baseline, validation, model.Encode(Images), model.FeatureCount, 16);
            return (result, diagnostics, baseline);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void ADeliberatelyCollapsedModelTriggersTheWarnings()
    {
        // An output bias of −30 saturates the sigmoid at 0 and a learning rate of 1e-9 keeps it there: the
        // collapse the published initialisation falls into, made certain.
        var (result, diagnostics, baseline) = TrainAndDiagnose(
            AutoencoderConfig.Published with { Seed = 11, OutputBias = -30, LearningRate = 1e-9, BatchSize = 32 }, epochs: 3);
        Assert.All(result.Epochs, e => Assert.True(e.ValidationLoss > baseline.ValidationLoss, $"epoch {e.Epoch}: {e.ValidationLoss} vs {baseline.ValidationLoss}"));
        Assert.Equal([1, 2, 3], diagnostics.EpochsAtConstant);
        Assert.Contains(diagnostics.Warnings, w => w.StartsWith("training collapsed", StringComparison.Ordinal));
        Assert.Contains(diagnostics.Warnings, w => w.StartsWith("the mean reconstruction", StringComparison.Ordinal));
        Assert.True(diagnostics.MeanOutput < 1e-6);
    }

    [Fact]
    public void AHealthyModelHasNoCollapseAndNoDeadUnits()
    {
        var (result, diagnostics, baseline) = TrainAndDiagnose(AutoencoderConfig.Published with
        {
            Seed = 13, BatchSize = 16, Activation = AutoencoderActivation.LeakyRelu, OutputBias = AutoencoderConfig.OutputBiasFor(MeanPixel),
        }, epochs: 12);
        Assert.True(result.Epochs[^1].ValidationLoss < 0.5 * baseline.ValidationLoss, $"{result.Epochs[^1].ValidationLoss} vs {baseline.ValidationLoss}");
        // No collapse and no dead units. (The mean-output check may still speak on these dark images, mean pixel 0.1,
        // after 48 steps: a sigmoid reaches near-0 backgrounds slowly; the stage test checks it on real crops.)
        Assert.DoesNotContain(diagnostics.Warnings, w => w.StartsWith("training collapsed", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics.Warnings, w => w.Contains("constant over every image", StringComparison.Ordinal));
        Assert.Equal(0, diagnostics.ConstantFeatures);
        Assert.Empty(diagnostics.EpochsAtConstant);
    }

    [Fact]
    public void CollapseNeedsTwoConsecutiveEpochsAtTheConstant()
    {
        var baseline = new ReconstructionBaseline(0.2, 0.03, 0.03);
        AutoencoderEpoch E(int n, double v) => new(n, v, v);
        var separated = TrainingDiagnostics.FindEpochsAtConstant([E(1, 0.0299), E(2, 0.01), E(3, 0.05)], baseline);
        Assert.Equal([1, 3], separated);
        Assert.Equal(1, TrainingDiagnostics.LongestRun(separated));
        var consecutive = TrainingDiagnostics.FindEpochsAtConstant([E(1, 0.01), E(2, 0.0295), E(3, 0.045)], baseline);
        Assert.Equal(2, TrainingDiagnostics.LongestRun(consecutive));
    }
}
