using System.Diagnostics;
using System.Globalization;
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
/// a 1-channel conv and a sigmoid; MSE loss; Glorot-uniform weights, zero biases; Gaussian input noise
/// (σ = <c>noise_sigma</c>) redrawn every batch and clipped to [0, 1]. <c>preset: seed-code</c> is the authors'
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
public sealed class ExtractDenoisingAutoencoderStage : TableStageKind
{
    public override string Name => "extract.dae";
    public override int Version => 1;
    public override string Summary => "Trains the denoising autoencoder of Liu & Hu 2023 on preprocessed tensors and extracts 4,096 deep features per image.";
    public override IReadOnlyList<string> Consumes => ["tensors"];
    public override bool SupportsGpu => true;
    public override bool DeviceAffectsOutput => true;

    public override IReadOnlyList<ParameterSpec> Parameters =>
    [
        ParameterSpec.Choice("preset", "published",
            "published (Liu & Hu 2023: two conv/pool blocks, features after the second pool) or seed-code (the authors' code: three blocks, features after the second pool; " +
            "their cosine-proximity loss on one channel has zero gradient and never trained, so MSE is used here)", "published", "seed-code"),
        ParameterSpec.Integer("epochs", 10, "training epochs (the paper: 100; the small default keeps the default workflow fast); 0 encodes with the untrained, Glorot-initialised weights, the seed code's situation (its loss never trained)") with { Minimum = 0, Maximum = 10000 },
        ParameterSpec.Integer("batch_size", 64, "images per Adam step") with { Minimum = 1, Maximum = 65536 },
        ParameterSpec.Number("learning_rate", 1e-3, "Adam learning rate (the paper's 0.1 diverges with Adam; 1e-3 is Keras' default)") with { Minimum = 1e-8, Maximum = 1 },
        ParameterSpec.Number("noise_sigma", 0.05, "standard deviation of the Gaussian noise added to training inputs, redrawn every batch, then clipped to [0, 1]") with { Minimum = 0, Maximum = 1 },
        ParameterSpec.Number("validation_fraction", 0.2, "share of patients held out for the validation loss (split by patient, seeded); 0 trains on all") with { Minimum = 0, Maximum = 0.9 },
        ParameterSpec.Integer("early_stopping_patience", 0, "stop after this many epochs without a lower validation loss and keep the best epoch's weights; 0 = off") with { Minimum = 0, Maximum = 10000 },
        ParameterSpec.Seed("seed", 2023, "seed of weight initialisation, input noise, batch shuffling and the patient split"),
        ParameterSpec.Integer("threads", 0, "libtorch CPU threads; 0 = all cores (bit-identical results need the same seed and thread count)") with { Minimum = 0, Maximum = 1024 },
    ];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("features", "image_id, patient_id, fea_0001…fea_4096: the encoder's pooled output per image (kernel-major)"),
        new("patient_features", "patient_id and the mean of each feature over the patient's images"),
        new("feature_map", "feature, index (1-based), kernel, row, column (0-based) of every feature column"),
        new("training", "epoch, train_loss (noisy inputs), validation_loss (clean held-out patients; null without validation), best"),
        new("kernels", "the 16×16 map of each kernel for one sample image, viridis (the seed's Fig. 3)", ".png"),
        new("model", "the trained weights (libtorch archive; the best epoch's when early stopping)", ".pt"),
    ];

    /// <summary>The bridge's architecture and training settings for a preset and the stage's parameters.</summary>
    internal static AutoencoderConfig ConfigFor(ResolvedParameters p, int side) =>
        (p.GetString("preset") == "seed-code" ? AutoencoderConfig.SeedCode : AutoencoderConfig.Published) with
        {
            InputHeight = side,
            InputWidth = side,
            BatchSize = p.GetInt32("batch_size"),
            LearningRate = p.GetNumber("learning_rate"),
            InputNoiseStd = p.GetNumber("noise_sigma"),
            Seed = unchecked((ulong)p.GetInteger("seed")),
        };

    /// <summary>"fea_0001": 1-based, zero-padded to at least four digits.</summary>
    internal static string FeatureName(int index) => "fea_" + index.ToString("D4", CultureInfo.InvariantCulture);

    public override Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var p = context.Parameters;
        context.Report(0.0, "reading tensors");
        var tensors = DaeTensors.Read(context.Input("tensors"));
        var config = ConfigFor(p, tensors.Side);
        var split = DaeTrainingSplit.Create(tensors.PatientIds, p.GetNumber("validation_fraction"), config.Seed!.Value);
        int epochs = p.GetInt32("epochs");
        int patience = p.GetInt32("early_stopping_patience");
        bool validating = split.ValidationImages.Length > 0;

        using var gate = TorchStageGate.Enter(context, cancellationToken);
        int previousThreads = TorchRuntime.ThreadCount;
        int threads = p.GetInt32("threads") > 0 ? p.GetInt32("threads") : Environment.ProcessorCount;
        try
        {
            TorchRuntime.ThreadCount = threads;
            TorchRuntime.SetSeed(config.Seed.Value);
            bool cuda = context.Device == "cuda";
            if (cuda) TorchRuntime.SetDeterministic(true);
            using var model = DenoisingAutoencoder.Create(config, cuda ? TorchDevice.Cuda() : TorchDevice.Cpu);
            context.Log($"{tensors.Count} images of {tensors.Side}×{tensors.Side} from {split.TrainingPatients.Count + split.ValidationPatients.Count} patients: " +
                        $"{split.TrainingImages.Length} training ({split.TrainingPatients.Count} patients), {split.ValidationImages.Length} validation ({split.ValidationPatients.Count} patients); " +
                        $"{p.GetString("preset")} preset, {model.ParameterCount:N0} parameters, {model.FeatureCount:N0} features, {model.Device}, {threads} threads");

            var training = tensors.Gather(split.TrainingImages);
            var validation = validating ? tensors.Gather(split.ValidationImages) : [];
            var trainLosses = new List<double>();
            var validationLosses = new List<double?>();
            double bestLoss = double.PositiveInfinity;
            int bestEpoch = 0, sinceBest = 0;
            string bestWeights = Path.Combine(context.ScratchDirectory, "best.pt");
            var clock = Stopwatch.StartNew();
            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int e = epoch;
                var progress = new SynchronousProgress<TrainingProgress>(t => context.Report(
                    0.02 + 0.88 * (e - 1 + (double)t.BatchesDone / t.BatchCount) / epochs,
                    $"epoch {e}/{epochs}, batch {t.BatchesDone}/{t.BatchCount}, loss {t.RunningLoss:G4}"));
                double trainLoss = model.TrainEpoch(training, progress, cancellationToken);
                double? validationLoss = validating ? model.Evaluate(validation) : null;
                trainLosses.Add(trainLoss);
                validationLosses.Add(validationLoss);
                context.Log($"epoch {epoch}: train loss {trainLoss:G6}" + (validationLoss is { } v ? $", validation loss {v:G6}" : ""));

                if (patience > 0 && validationLoss is { } loss)
                {
                    if (loss < bestLoss)
                    {
                        bestLoss = loss;
                        bestEpoch = epoch;
                        sinceBest = 0;
                        model.Save(bestWeights);
                    }
                    else if (++sinceBest >= patience)
                    {
                        context.Log($"early stopping after epoch {epoch}: no lower validation loss for {patience} epochs; keeping epoch {bestEpoch}");
                        break;
                    }
                }
            }

            clock.Stop();
            int epochsRun = trainLosses.Count;
            if (bestEpoch > 0 && bestEpoch < epochsRun) model.Load(bestWeights);
            int keptEpoch = bestEpoch > 0 ? bestEpoch : epochsRun;
            double imagesPerSecond = (double)training.Length / config.InputSize * epochsRun / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);

            context.Report(0.9, "encoding images");
            var features = model.Encode(tensors.Pixels);
            model.Save(context.Output("model"));

            int kernels = config.EncoderFilters[1];
            int gridSide = (int)Math.Round(Math.Sqrt(model.FeatureCount / (double)kernels));
            context.Report(0.93, "writing tables");
            WriteFeatures(context, tensors, features, model.FeatureCount);
            WriteFeatureMap(context.Output("feature_map"), kernels, gridSide);
            WriteTraining(context.Output("training"), trainLosses, validationLosses, keptEpoch);
            context.Report(0.97, "drawing the kernel maps");
            DrawKernels(context.Output("kernels"), tensors.ImageIds[0]!, features.AsSpan(0, model.FeatureCount), kernels, gridSide);

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
            context.Record("epochs_run", epochsRun);
            context.Record("kept_epoch", keptEpoch);
            context.Record("train_loss", trainLosses.ToArray());
            context.Record("validation_loss", validationLosses.ToArray());
            context.Record("training_seconds", clock.Elapsed.TotalSeconds);
            context.Record("training_images_per_second", imagesPerSecond);
            context.Report(1.0, $"{tensors.Count} images × {model.FeatureCount} features; {epochsRun} epochs at {imagesPerSecond:N0} images/s");
        }
        finally
        {
            TorchRuntime.ThreadCount = previousThreads;
        }

        return Task.CompletedTask;
    }

    private static void WriteFeatures(StageContext context, DaeTensors tensors, float[] features, int featureCount)
    {
        var names = Enumerable.Range(1, featureCount).Select(FeatureName).ToArray();
        var matrix = FeatureMatrix.FromRowMajor(tensors.ImageIds, tensors.PatientIds, names, features);
        matrix.Write(context.Output("features"));
        PatientAggregation.WriteMeans(matrix, context.Output("patient_features"));
    }

    private static void WriteFeatureMap(string path, int kernels, int side)
    {
        int count = kernels * side * side;
        var names = new string?[count];
        var index = new int[count];
        var kernel = new int[count];
        var row = new int[count];
        var column = new int[count];
        for (int f = 0; f < count; f++)
        {
            names[f] = FeatureName(f + 1);
            index[f] = f + 1;
            kernel[f] = f / (side * side);
            row[f] = f % (side * side) / side;
            column[f] = f % side;
        }

        ParquetFile.Write(new Table().Add("feature", names).Add("index", index).Add("kernel", kernel).Add("row", row).Add("column", column), path);
    }

    private static void WriteTraining(string path, List<double> train, List<double?> validation, int keptEpoch)
    {
        var epochs = Enumerable.Range(1, train.Count).ToArray();
        ParquetFile.Write(new Table()
            .Add("epoch", epochs)
            .Add("train_loss", train.ToArray())
            .Add("validation_loss", validation.ToArray())
            .Add("best", epochs.Select(e => e == keptEpoch).ToArray()), path);
    }

    private static void DrawKernels(string path, string imageId, ReadOnlySpan<float> features, int kernels, int side)
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
        grid.Save(path);
    }

    /// <summary>Calls the handler on the reporting thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
    {
        public void Report(T value) => handler(value);
    }
}
