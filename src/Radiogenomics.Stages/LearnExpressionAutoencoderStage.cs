using System.Globalization;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Learning;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>learn.expression_autoencoder</c>: Smedley &amp; Hsu 2018's deep autoencoder of expression profiles through the
/// libtorch bridge — dense layers genes → 2000 → 1000 → 500 → 1000 → 2000 → genes, tanh, a linear output, MSE
/// reconstruction, SGD with momentum and Keras' time-based learning-rate decay — pretrained on every profile of the
/// genomic table (patients without images too; no outcome is used, so held-out patients of a later supervised stage
/// may be among them, as in the paper). Profiles: an expression table's log2(CPM + 1) of its most variable genes, or a
/// genomic table's columns; z-scored per gene over all profiles. A grid of learning rates ×
/// momenta × decays is trained with the same seed; the point with the lowest validation loss (patients held out by a
/// seeded split, best epoch kept) wins. Outputs the encoder's weights and the standardisation for predict.morphology.
/// </summary>
public sealed class LearnExpressionAutoencoderStage : TableStageKind<LearnExpressionAutoencoderOptions>
{
    public override string Name => "learn.expression_autoencoder";
    public override int Version => 1;
    public override string Summary => "Pretrains Smedley & Hsu's 2000-1000-500 tanh autoencoder on every expression profile (libtorch, SGD with momentum and decay).";
    public override IReadOnlyList<string> Consumes => [];
    public override IReadOnlyList<string> OptionalConsumes => ["expression", "genomic"];
    public override bool SupportsGpu => true;
    public override bool DeviceAffectsOutput => true;
    public override StageResources Resources(ResolvedParameters parameters) => TorchStageRequirements.Resources(parameters);
    public override IReadOnlyList<string> NativeCode => TorchStageRequirements.NativeCode;

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("encoder", "the encoder's weights: parameter (layers.0.weight, layers.0.bias, …), row, column, value (float32)"),
        new("encoder_inputs", "feature, mean, sd: the input genes in order and their standardisation (over every profile)"),
        new("training", "epoch, train_loss, val_loss (MSE of standardised profiles) of the chosen grid point, kept"),
        new("grid", "learning_rate, momentum, decay, best_val_loss, kept_epoch, chosen: every grid point"),
    ];

    public override Task RunAsync(StageContext context, LearnExpressionAutoencoderOptions options, CancellationToken cancellationToken)
    {
        var profiles = ExpressionProfiles.Of(context, options.TopGenes);
        if (profiles.DroppedFeatures > 0) context.Log($"{profiles.DroppedFeatures} genomic columns left out (text, or a missing value)");
        int n = profiles.Patients.Length, genes = profiles.Features.Length;
        if (n < 4) throw new DataProblemException("genomic table", "rows", $"has {n} profiles", "pretrain on at least 4 expression profiles");
        var hidden = MlpCrossValidation.HiddenLayers(options.Hidden);
        if (hidden.Length == 0) throw new DataProblemException("params", "hidden", "is empty", "give the encoder's layer sizes, e.g. hidden: [2000, 1000, 500]");
        var all = Enumerable.Range(0, n).ToArray();
        var (mean, scale) = MlpCrossValidation.Standardisation(profiles.Values, all);
        var split = PatientSplit.Create(profiles.Patients, options.ValidationFraction, unchecked((ulong)options.Seed));
        var fit = MlpCrossValidation.Rows(profiles.Values, split.TrainingImages, mean, scale);
        var validation = MlpCrossValidation.Rows(profiles.Values, split.ValidationImages, mean, scale);
        var config = new MlpConfig
        {
            InputSize = genes, Hidden = [.. hidden, .. hidden.Reverse().Skip(1)], OutputSize = genes, Activation = options.Activation,
            Dropout = options.Dropout, Init = MlpInit.GlorotUniform, FeatureLayer = hidden.Length, Seed = unchecked((ulong)options.Seed),
        };
        var grid = (from rate in options.LearningRate from momentum in options.Momentum from decay in options.Decay select (rate, momentum, decay)).ToArray();
        if (grid.Length == 0) throw new DataProblemException("params", "learning_rate, momentum, decay", "leave an empty grid", "give at least one value for each");

        int previousThreads = TorchRuntime.ThreadCount;
        int threads = TorchStageRequirements.Threads(context.Parameters);
        var points = new List<(double Rate, double Momentum, double Decay, double Best, int Kept, MlpTrainingResult Result, IReadOnlyDictionary<string, float[]> Weights)>();
        try
        {
            TorchRuntime.ThreadCount = threads;
            bool cuda = context.Device == "cuda";
            if (cuda) TorchRuntime.SetDeterministic(true);
            context.Log($"{n} profiles × {genes} genes ({split.TrainingPatients.Count} fitting, {split.ValidationPatients.Count} validation); " +
                        $"autoencoder {genes}-{string.Join("-", config.Hidden)}-{genes}, {OptionChoices.Spelling(options.Activation)}; {grid.Length} grid point(s); {(cuda ? "cuda" : "cpu")}, {threads} threads");
            for (int g = 0; g < grid.Length; g++)
            {
                var (rate, momentum, decay) = grid[g];
                context.Report(0.05 + 0.85 * g / grid.Length, string.Create(CultureInfo.InvariantCulture, $"grid point {g + 1} of {grid.Length}: learning rate {rate}, momentum {momentum}, decay {decay}"));
                var training = new MlpTrainingOptions
                {
                    Loss = MlpLoss.MeanSquaredError, Optimizer = MlpOptimizer.Sgd, LearningRate = rate, Momentum = momentum, Schedule = MlpSchedule.InverseTime,
                    DecayRate = decay, BatchSize = options.BatchSize, Seed = unchecked((ulong)options.Seed + 1),
                };
                using var model = MultilayerPerceptron.Create(config, training, cuda ? TorchDevice.Cuda() : TorchDevice.Cpu);
                var result = MlpTrainer.Train(model, fit, fit, validation, validation, options.Epochs, options.Patience, unchecked((ulong)options.Seed + 2),
                    e => context.Log($"grid point {g + 1}, epoch {e.Epoch}: train loss {e.TrainLoss:G5}, validation loss {e.ValidationLoss:G5}"), cancellationToken);
                double best = result.History[result.KeptEpoch - 1].ValidationLoss ?? result.History[^1].TrainLoss;
                var encoder = model.Parameters.Where(p => IsEncoder(p.Name, hidden.Length)).ToDictionary(p => p.Name, p => model.GetParameter(p.Name), StringComparer.Ordinal);
                points.Add((rate, momentum, decay, best, result.KeptEpoch, result, encoder));
            }
        }
        finally
        {
            TorchRuntime.ThreadCount = previousThreads;
        }

        int chosen = Enumerable.Range(0, points.Count).MinBy(i => double.IsNaN(points[i].Best) ? double.PositiveInfinity : points[i].Best);
        var winner = points[chosen];
        var shapes = new List<(string, int, int, float[])>();
        int width = genes;
        for (int layer = 0; layer < hidden.Length; layer++)
        {
            shapes.Add(($"layers.{layer}.weight", hidden[layer], width, winner.Weights[$"layers.{layer}.weight"]));
            shapes.Add(($"layers.{layer}.bias", hidden[layer], 1, winner.Weights[$"layers.{layer}.bias"]));
            width = hidden[layer];
        }
        EncoderWeightsTable.Write(context.Output("encoder"), shapes);
        ParquetFile.Write(new Table()
            .Add("feature", profiles.Features.Cast<string?>().ToArray())
            .Add("mean", mean)
            .Add("sd", scale), context.Output("encoder_inputs"));
        var history = winner.Result.History;
        ParquetFile.Write(new Table()
            .Add("epoch", history.Select(h => h.Epoch).ToArray())
            .Add("train_loss", history.Select(h => h.TrainLoss).ToArray())
            .Add("val_loss", history.Select(h => h.ValidationLoss).ToArray())
            .Add("kept", history.Select(h => h.Epoch == winner.Kept).ToArray()), context.Output("training"));
        ParquetFile.Write(new Table()
            .Add("learning_rate", points.Select(p => p.Rate).ToArray())
            .Add("momentum", points.Select(p => p.Momentum).ToArray())
            .Add("decay", points.Select(p => p.Decay).ToArray())
            .Add("best_val_loss", points.Select(p => double.IsFinite(p.Best) ? p.Best : (double?)null).ToArray())
            .Add("kept_epoch", points.Select(p => p.Kept).ToArray())
            .Add("chosen", points.Select((_, i) => i == chosen).ToArray()), context.Output("grid"));

        context.Record("profiles", n);
        context.Record("genes", genes);
        context.Record("validation_loss", winner.Best);
        context.Record("kept_epoch", winner.Kept);
        context.Record("threads", threads);
        string text = string.Format(CultureInfo.InvariantCulture,
            "autoencoder {0}-{1} on {2} profiles; validation MSE {3:0.0000} (a mean predictor: about 1) at epoch {4}; learning rate {5}, momentum {6}, decay {7}",
            genes, string.Join("-", hidden), n, winner.Best, winner.Kept, winner.Rate, winner.Momentum, winner.Decay);
        context.Headline(text);
        context.Report(1.0, text);
        return Task.CompletedTask;
    }

    private static bool IsEncoder(string parameter, int layers) =>
        Enumerable.Range(0, layers).Any(l => parameter.StartsWith($"layers.{l}.", StringComparison.Ordinal));
}
