using System.Globalization;
using Radiogenomics.Data;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Learning;
using Radiogenomics.Plotting;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>extract.dae</c>: the deep radiomic features of Liu &amp; Hu 2023 — a convolutional denoising autoencoder
/// trained on the preprocessed tensors (through the libtorch bridge, <see cref="DenoisingAutoencoder"/>), whose
/// pooled encoder output is the feature vector of each image.
/// <para>
/// <c>preset: published</c> is the paper's architecture: 64×64×1 input, conv 3×3 16 + ReLU, 2×2 max-pool,
/// conv 3×3 16 + ReLU, 2×2 max-pool → 16×16×16 = 4,096 features; a mirrored decoder with nearest up-sampling,
/// a 1-channel conv and a sigmoid; MSE loss; Glorot-uniform weights; Gaussian input noise
/// (σ = <c>noise_sigma</c>) redrawn every batch and clipped to [0, 1]. Trained as published (zero biases, ReLU)
/// the network collapses to a blank image on whole slices and a third of its ReLU units are dead, so the defaults
/// start the output bias at the logit of the training images' mean pixel and use leaky ReLU
/// (<c>output_bias: zero, activation: relu</c> restore the paper's model). The stage checks what was learnt: losses
/// beside the mean-pixel predictor's, mean output against mean pixel, constant features per kernel, each failed
/// check a warning in the run summary and the provenance. <c>preset: seed-code</c> is the authors'
/// released code: three encoder/decoder blocks, features still taken after the second pool (also 4,096). That code
/// trained with cosine-proximity loss on a single output channel, whose gradient is zero (the cosine of two
/// one-element vectors is ±1 everywhere), so its weights never left their initialisation; both presets here
/// train with MSE.
/// </para>
/// <para>
/// The paper names Adam with learning rate 0.1; with Adam that diverges (the sigmoid saturates and the loss
/// sticks), so the default is Keras' Adam default of 1e-3. The split is by patient (never one patient's images
/// on both sides), seeded. Train loss is the mean MSE of the epoch's noisy batches (as Keras reports it);
/// validation loss is the MSE on the clean validation images after the epoch. Features are float32 from
/// libtorch stored as doubles, named fea_0001… in kernel-major order: index − 1 = kernel·H·W + row·W + column.
/// With the same seed and thread count CPU results are bit-identical; <c>threads: 0</c> uses every core, so
/// results then depend on the machine's core count.
/// </para>
/// </summary>
public sealed class ExtractDenoisingAutoencoderStage : TableStageKind<ExtractDaeOptions>
{
    public override string Name => "extract.dae";
    public override int Version => 2; // 2: output bias, leaky ReLU, batch 16, diagnostics (#18)
    public override string Summary => "Trains the denoising autoencoder of Liu & Hu 2023 on preprocessed tensors and extracts 4,096 deep features per image.";
    public override IReadOnlyList<string> Consumes => ["tensors"];
    public override bool SupportsGpu => true;
    public override bool DeviceAffectsOutput => true;
    public override StageResources Resources(ResolvedParameters parameters) => TorchStageRequirements.Resources(parameters);
    public override IReadOnlyList<string> NativeCode => TorchStageRequirements.NativeCode;

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("features", "image_id, patient_id, fea_0001…fea_4096: the encoder's pooled output per image (kernel-major)"),
        new("patient_features", "patient_id and the mean of each feature over the patient's images"),
        new("feature_map", "feature, index (1-based), kernel, row, column (0-based) of every feature column"),
        new("training", "epoch, train_loss (noisy inputs), validation_loss (clean held-out patients; null without validation), the constant (mean-pixel) predictor's losses beside them, best"),
        new("constant_features", "kernel, features, constant_features: features with one value on every image (dead units), per kernel"),
        .. FigureOutputs.Specs("losses", "training and validation loss per epoch against the mean-pixel predictor's"),
        .. FigureOutputs.Specs("kernels", "the 16×16 map of each kernel for one sample image, viridis (the seed's Fig. 3)"),
        new("model", "the trained weights (libtorch archive; the best epoch's when early stopping)", ".pt"),
    ];

    /// <summary>The bridge's architecture and training settings for the stage's options and the training images.</summary>
    internal static AutoencoderConfig ConfigFor(ExtractDaeOptions o, int side, double meanPixel, int trainingImages)
    {
        int batchesPerEpoch = Math.Max(1, (trainingImages + o.BatchSize - 1) / o.BatchSize);
        return (o.Preset == DaePreset.SeedCode ? AutoencoderConfig.SeedCode : AutoencoderConfig.Published) with
        {
            InputHeight = side,
            InputWidth = side,
            BatchSize = o.BatchSize,
            LearningRate = o.LearningRate,
            InputNoiseStd = o.NoiseSigma,
            Seed = unchecked((ulong)o.Seed),
            OutputBias = o.OutputBias switch
            {
                DaeOutputBias.MeanPixel => AutoencoderConfig.OutputBiasFor(meanPixel),
                DaeOutputBias.Zero => 0,
            },
            Activation = o.Activation switch
            {
                DaeActivation.LeakyRelu => AutoencoderActivation.LeakyRelu,
                DaeActivation.Relu => AutoencoderActivation.Relu,
            },
            WarmupSteps = o.WarmupSteps,
            Schedule = o.Schedule switch
            {
                DaeSchedule.Constant => LearningRateSchedule.Constant,
                DaeSchedule.Cosine => LearningRateSchedule.Cosine,
                DaeSchedule.InverseSqrt => LearningRateSchedule.InverseSqrt,
            },
            DecaySteps = batchesPerEpoch,
            AverageDecay = o.AverageDecay,
            TotalSteps = Math.Max(o.WarmupSteps + 1, batchesPerEpoch * Math.Max(1, o.Epochs)),
        };
    }

    /// <summary>"fea_0001": 1-based, zero-padded to at least four digits.</summary>
    internal static string FeatureName(int index) => "fea_" + index.ToString("D4", CultureInfo.InvariantCulture);

    public override Task RunAsync(StageContext context, ExtractDaeOptions options, CancellationToken cancellationToken)
    {
        context.Report(0.0, "reading tensors");
        var tensors = DaeTensors.Read(context.Input("tensors"));
        var split = PatientSplit.Create(tensors.PatientIds, options.ValidationFraction, unchecked((ulong)options.Seed));
        var training = tensors.Gather(split.TrainingImages);
        var validation = split.ValidationImages.Length > 0 ? tensors.Gather(split.ValidationImages) : [];
        var baseline = ReconstructionBaseline.Of(training, validation);
        int epochs = options.Epochs;
        var config = ConfigFor(options, tensors.Side, baseline.MeanPixel, split.TrainingImages.Length);

        int previousThreads = TorchRuntime.ThreadCount;
        int threads = TorchStageRequirements.Threads(context.Parameters);
        try
        {
            TorchRuntime.ThreadCount = threads;
            TorchRuntime.SetSeed(config.Seed!.Value);
            bool cuda = context.Device == "cuda";
            if (cuda) TorchRuntime.SetDeterministic(true);
            using var model = DenoisingAutoencoder.Create(config, cuda ? TorchDevice.Cuda() : TorchDevice.Cpu);
            context.Log($"{tensors.Count} images of {tensors.Side}×{tensors.Side} from {split.TrainingPatients.Count + split.ValidationPatients.Count} patients: " +
                        $"{split.TrainingImages.Length} training ({split.TrainingPatients.Count} patients), {split.ValidationImages.Length} validation ({split.ValidationPatients.Count} patients); " +
                        $"{OptionChoices.Spelling(options.Preset)} preset, {model.ParameterCount:N0} parameters, {model.FeatureCount:N0} features, {model.Device}, {threads} threads; " +
                        $"mean pixel {baseline.MeanPixel:G4}, output bias {config.OutputBias:G4}; the constant predictor's loss: training {baseline.TrainLoss:G4}" +
                        (baseline.ValidationLoss is { } bv ? $", validation {bv:G4}" : ""));

            var result = AutoencoderTrainer.Train(
                model, training, validation, epochs, options.EarlyStoppingPatience, context.ScratchDirectory,
                (e, t) => context.Report(0.02 + 0.86 * (e - 1 + (double)t.BatchesDone / t.BatchCount) / epochs,
                    $"epoch {e}/{epochs}, batch {t.BatchesDone}/{t.BatchCount}, loss {t.RunningLoss:G4}"),
                e => context.Log($"epoch {e.Epoch}: train loss {e.TrainLoss:G6}" + (e.ValidationLoss is { } v ? $", validation loss {v:G6}" : "")),
                cancellationToken);
            if (result.KeptEpoch < result.Epochs.Count)
                context.Log($"early stopping after epoch {result.Epochs.Count}: kept epoch {result.KeptEpoch} (lowest validation loss)");

            context.Report(0.88, "encoding images");
            var features = model.Encode(tensors.Pixels);
            model.Save(context.Output("model"));

            int kernels = config.EncoderFilters[(config.FeatureBlock ?? config.EncoderFilters.Count) - 1];
            int gridSide = (int)Math.Round(Math.Sqrt(model.FeatureCount / (double)kernels));
            context.Report(0.9, "checking what the network learnt");
            var diagnostics = TrainingDiagnostics.Diagnose(model, result.Epochs, baseline, validation.Length > 0 ? validation : training,
                features, model.FeatureCount, kernels);
            foreach (var warning in diagnostics.Warnings) context.Warn(warning);

            context.Report(0.93, "writing tables");
            WriteFeatures(context, tensors, features, kernels, gridSide);
            WriteTraining(context.Output("training"), result, baseline);
            WriteConstantFeatures(context.Output("constant_features"), diagnostics, gridSide);
            context.Report(0.97, "drawing the loss curves and kernel maps");
            DrawLosses(FigureOutputs.Paths(context, "losses"), result, baseline);
            DrawKernels(FigureOutputs.Paths(context, "kernels"), tensors.ImageIds[0]!, features.AsSpan(0, model.FeatureCount), kernels, gridSide);

            var trainLosses = result.Epochs.Select(e => e.TrainLoss).ToArray();
            var validationLosses = result.Epochs.Select(e => e.ValidationLoss).ToArray();
            context.Record("device", model.Device);
            context.Record("threads", threads);
            context.Record("seed", config.Seed.Value);
            context.Record("parameter_count", model.ParameterCount);
            context.Record("feature_count", model.FeatureCount);
            context.Record("images", tensors.Count);
            context.Record("training_patients", split.TrainingPatients.Count);
            context.Record("validation_patients", split.ValidationPatients.Count);
            context.Record("training_images", split.TrainingImages.Length);
            context.Record("validation_images", split.ValidationImages.Length);
            context.Record("epochs_run", result.Epochs.Count);
            context.Record("kept_epoch", result.KeptEpoch);
            context.Record("train_loss", trainLosses);
            context.Record("validation_loss", validationLosses);
            context.Record("mean_pixel", baseline.MeanPixel);
            context.Record("mean_output", diagnostics.MeanOutput);
            context.Record("mean_output_images_mean_pixel", diagnostics.MeanPixel);
            context.Record("output_bias", config.OutputBias);
            context.Record("constant_predictor_train_loss", baseline.TrainLoss);
            context.Record("constant_predictor_validation_loss", baseline.ValidationLoss);
            context.Record("constant_features", diagnostics.ConstantFeatures);
            context.Record("training_seconds", result.Elapsed.TotalSeconds);
            context.Record("training_images_per_second", result.ImagesPerSecond);
            string last = result.Epochs.Count == 0 ? "untrained" :
                $"final loss {trainLosses[^1]:G4}" + (validationLosses[^1] is { } fv ? $" (validation {fv:G4}" + (baseline.ValidationLoss is { } cv ? $" vs {cv:G4} for the mean pixel)" : ")") : "");
            context.Report(1.0, $"{tensors.Count} images × {model.FeatureCount} features; {result.Epochs.Count} epochs at {result.ImagesPerSecond:N0} images/s; {last}; " +
                                $"{diagnostics.ConstantFeatures} constant features");
        }
        finally
        {
            TorchRuntime.ThreadCount = previousThreads;
        }

        return Task.CompletedTask;
    }

    /// <summary>Features with their kernel-major layout (the feature map travels with them), and the patient means.</summary>
    private static void WriteFeatures(StageContext context, DaeTensors tensors, float[] features, int kernels, int side)
    {
        var names = Enumerable.Range(1, kernels * side * side).Select(FeatureName).ToArray();
        var matrix = FeatureMatrix.FromRowMajor(tensors.ImageIds, tensors.PatientIds, names, features);
        new FeatureTable(matrix, FeatureLayout.Grid(names, kernels, side)).Write(context.Output("features"), context.Output("feature_map"));
        PatientAggregation.WriteMeans(matrix, context.Output("patient_features"));
    }

    private static void WriteTraining(string path, AutoencoderTrainingResult result, ReconstructionBaseline baseline)
    {
        var epochs = result.Epochs.Select(e => e.Epoch).ToArray();
        ParquetFile.Write(new Table()
            .Add("epoch", epochs)
            .Add("train_loss", result.Epochs.Select(e => e.TrainLoss).ToArray())
            .Add("validation_loss", result.Epochs.Select(e => e.ValidationLoss).ToArray())
            .Add("constant_predictor_train_loss", epochs.Select(_ => baseline.TrainLoss).ToArray())
            .Add("constant_predictor_validation_loss", epochs.Select(_ => baseline.ValidationLoss).ToArray())
            .Add("best", epochs.Select(e => e == result.KeptEpoch).ToArray()), path);
    }

    private static void WriteConstantFeatures(string path, TrainingDiagnostics diagnostics, int side)
    {
        var perKernel = diagnostics.ConstantFeaturesPerKernel;
        ParquetFile.Write(new Table()
            .Add("kernel", Enumerable.Range(0, perKernel.Count).ToArray())
            .Add("features", Enumerable.Repeat(side * side, perKernel.Count).ToArray())
            .Add("constant_features", perKernel.ToArray()), path);
    }

    private static void DrawLosses(IReadOnlyList<string> paths, AutoencoderTrainingResult result, ReconstructionBaseline baseline)
    {
        var chart = new LineChart { Title = "DAE reconstruction loss (MSE)", XLabel = "epoch", YLabel = "loss", YMin = 0 };
        if (result.Epochs.Count == 0)
        {
            double[] none = [0, 1];
            chart.Add(new LineSeries("mean pixel, training", none, [baseline.TrainLoss, baseline.TrainLoss]) { Dashed = true });
            foreach (var path in paths) chart.Save(path);
            return;
        }

        double[] x = result.Epochs.Select(e => (double)e.Epoch).ToArray();
        chart.Add(new LineSeries("training (noisy inputs)", x, result.Epochs.Select(e => e.TrainLoss).ToArray()) { ShowPoints = true });
        if (baseline.ValidationLoss is { } validationBaseline)
        {
            chart.Add(new LineSeries("validation (clean)", x, result.Epochs.Select(e => e.ValidationLoss ?? double.NaN).ToArray()) { ShowPoints = true });
            chart.Add(new LineSeries("mean pixel, validation", x, x.Select(_ => validationBaseline).ToArray()) { Dashed = true });
        }
        else
        {
            chart.Add(new LineSeries("mean pixel, training", x, x.Select(_ => baseline.TrainLoss).ToArray()) { Dashed = true });
        }

        foreach (var path in paths) chart.Save(path);
    }

    private static void DrawKernels(IReadOnlyList<string> paths, string imageId, ReadOnlySpan<float> features, int kernels, int side)
    {
        var grid = new ImageGrid
        {
            Title = $"DAE feature maps of image {imageId}",
            Columns = 4,
            Colormap = Colormap.Viridis,
            Window = GridWindowMode.PerImageMinMax,
        };
        for (int k = 0; k < kernels; k++)
            grid.Add(new GreyImage(side, side, features.Slice(k * side * side, side * side).ToArray()), $"kernel {k}");
        foreach (var path in paths) grid.Save(path);
    }

}
