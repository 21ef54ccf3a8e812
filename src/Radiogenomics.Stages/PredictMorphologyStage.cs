using System.Globalization;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Learning;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>predict.morphology</c>: Smedley &amp; Hsu 2018's supervised network — image features (e.g. the morphology of the
/// enhancing tumour and oedema) predicted from expression by an MLP initialised from learn.expression_autoencoder's
/// encoder, with dropout 0.25, the MAE loss and optionally non-negative outputs. Ten-fold cross-validation by patient
/// (seeded folds, or a fold column shared with the baselines); inside each training fold a seeded patient split stops
/// training early, targets are scaled by the training patients' SDs and the output bias starts at their mean. Without an encoder the network starts from
/// random weights and the inputs are standardised within each fold. <c>predictions</c> is the long table that
/// evaluate.regressions reads: patient_id, fold, target, observed, predicted, model.
/// </summary>
public sealed class PredictMorphologyStage : TableStageKind<PredictMorphologyOptions>
{
    public override string Name => "predict.morphology";
    public override int Version => 1;
    public override string Summary => "Image features from expression by an encoder-initialised MLP (Smedley & Hsu 2018: dropout 0.25, MAE, non-negative outputs), 10-fold patient CV.";
    public override IReadOnlyList<string> Consumes => ["features"];
    public override IReadOnlyList<string> OptionalConsumes => ["expression", "genomic", "encoder", "encoder_inputs", "clinical"];
    public override bool SupportsGpu => true;
    public override bool DeviceAffectsOutput => true;
    public override StageResources Resources(ResolvedParameters parameters) => TorchStageRequirements.Resources(parameters);
    public override IReadOnlyList<string> NativeCode => TorchStageRequirements.NativeCode;

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("predictions", "one row per held-out patient and target: patient_id, fold, target, observed, predicted, model"),
        new("training", "one row per fold and epoch: fold, epoch, train_loss, val_loss (MAE of scaled targets), kept"),
        new("metrics", "one row per target: target, mae, mape (%, patients with observed ≠ 0), pearson_r of the held-out predictions, model"),
    ];

    public override Task RunAsync(StageContext context, PredictMorphologyOptions options, CancellationToken cancellationToken)
    {
        // With an encoder, its genes in its order; else an expression table's most variable genes (or the genomic table).
        string[]? encoderGenes = context.HasInput("encoder_inputs") ? ParquetFile.Read(context.Input("encoder_inputs")).GetStrings("feature").Select(g => g ?? "").ToArray() : null;
        var profiles = ExpressionProfiles.Of(context, options.TopGenes, encoderGenes);
        var features = FeatureMatrix.Read(context.Input("features"));
        var targetNames = options.Targets.Count > 0 ? options.Targets.ToArray() : features.FeatureNames.ToArray();
        var columnOf = features.FeatureNames.Select((f, j) => (f, j)).ToDictionary(x => x.f, x => x.j, StringComparer.Ordinal);
        foreach (var t in targetNames)
            if (!columnOf.ContainsKey(t))
                throw new DataProblemException("features table", $"targets: '{t}'", "is not a feature column", $"name columns of the features table, e.g. {string.Join(", ", features.FeatureNames.Take(5))}");

        // Patient means of the targets; patients need a profile and every target.
        var sums = new Dictionary<string, (double[] Sum, int Count)>(StringComparer.Ordinal);
        for (int i = 0; i < features.ImageCount; i++)
        {
            if (features.PatientIds[i] is not { } id) continue;
            if (!sums.TryGetValue(id, out var s)) sums[id] = s = (new double[targetNames.Length], 0);
            for (int t = 0; t < targetNames.Length; t++) s.Sum[t] += features.Columns[columnOf[targetNames[t]]][i];
            sums[id] = (s.Sum, s.Count + 1);
        }
        var used = Enumerable.Range(0, profiles.Patients.Length)
            .Where(p => sums.TryGetValue(profiles.Patients[p], out var s) && s.Sum.All(double.IsFinite)).ToArray();
        if (used.Length < profiles.Patients.Length || used.Length < sums.Count)
            context.Log($"{used.Length} patients have an expression profile and every target ({profiles.Patients.Length} profiles, {sums.Count} patients with features)");
        if (used.Length < options.Folds * 2)
            throw new DataProblemException("features table", "patients", $"{used.Length} patients have both an expression profile and every target, too few for {options.Folds} folds",
                "use fewer folds, or tables that share more patients");
        var patients = used.Select(p => profiles.Patients[p]).ToArray();
        var observed = patients.Select(id => sums[id].Sum.Select(v => v / sums[id].Count).ToArray()).ToArray();

        // Inputs: on the encoder's scale (its genes, its means and SDs), or raw for per-fold standardisation.
        EncoderWeightsTable? encoder = null;
        double[][] inputs;
        bool pretrained = context.HasInput("encoder");
        int[] hidden;
        if (pretrained)
        {
            if (!context.HasInput("encoder_inputs"))
                throw new DataProblemException("params", "needs", "binds an encoder without its encoder_inputs", "bind both outputs of learn.expression_autoencoder");
            encoder = EncoderWeightsTable.Read(context.Input("encoder"));
            var scaleTable = ParquetFile.Read(context.Input("encoder_inputs"));
            var genes = scaleTable.GetStrings("feature");
            var means = scaleTable.GetDoubles("mean");
            var sds = scaleTable.GetDoubles("sd");
            var geneIndex = profiles.Features.Select((f, j) => (f, j)).ToDictionary(x => x.f, x => x.j, StringComparer.Ordinal);
            var missing = genes.Where(g => !geneIndex.ContainsKey(g!)).ToList();
            if (missing.Count > 0)
                throw new DataProblemException("genomic table", $"column '{missing[0]}'", $"is one of {missing.Count} genes the encoder was trained on but this table lacks (or has missing values)",
                    "use the same genomic table for learn.expression_autoencoder and predict.morphology");
            inputs = used.Select(p => genes.Select((g, k) => (profiles.Values[p][geneIndex[g!]] - means[k]) / sds[k]).ToArray()).ToArray();
            hidden = encoder.Parameters.Where(p => p.Name.EndsWith(".weight", StringComparison.Ordinal)).Select(p => p.Rows).ToArray();
        }
        else
        {
            inputs = used.Select(p => profiles.Values[p]).ToArray();
            hidden = MlpCrossValidation.HiddenLayers(options.Hidden);
        }

        int[] folds = options.FoldColumn.Length > 0 ? ReadFoldColumn(context, options.FoldColumn, patients)
            : StratifiedFolds.Assign(new double[patients.Length], options.Folds, new Random(options.Seed));
        int k = folds.Max();
        var targetScale = new Dictionary<int, double[]>();
        for (int fold = 1; fold <= k; fold++)
        {
            var train = Enumerable.Range(0, patients.Length).Where(p => folds[p] != fold).ToArray();
            targetScale[fold] = options.ScaleTargets ? MlpCrossValidation.Standardisation(observed, train).Scale : Enumerable.Repeat(1.0, targetNames.Length).ToArray();
        }
        double[][] TargetsFor(int fold, int[] _) => observed.Select(o => o.Select((v, t) => v / targetScale[fold][t]).ToArray()).ToArray();

        var config = new MlpConfig
        {
            InputSize = inputs[0].Length, Hidden = hidden, OutputSize = targetNames.Length, Activation = options.Activation, Dropout = options.Dropout,
            OutputActivation = options.Nonnegative ? MlpOutputActivation.Relu : MlpOutputActivation.Linear, Init = MlpInit.GlorotUniform,
        };
        var training = new MlpTrainingOptions
        {
            Loss = MlpLoss.MeanAbsoluteError, Optimizer = options.Optimizer, LearningRate = options.LearningRate, Momentum = options.Momentum,
            WeightDecay = options.L2, BatchSize = options.BatchSize,
        };
        // The output bias starts at the training patients' mean (scaled) target, so the first epochs need not walk the
        // outputs from 0 to targets many SDs away (and a non-negative output does not start dead below 0).
        void Initialise(MultilayerPerceptron model, int fold)
        {
            if (encoder is not null)
                foreach (var (name, _, _, values) in encoder.Parameters) model.SetParameter(name, values);
            var train = Enumerable.Range(0, patients.Length).Where(p => folds[p] != fold).ToArray();
            var bias = Enumerable.Range(0, targetNames.Length).Select(t => (float)(train.Average(p => observed[p][t]) / targetScale[fold][t])).ToArray();
            model.SetParameter($"layers.{hidden.Length}.bias", bias);
        }

        int previousThreads = TorchRuntime.ThreadCount;
        int threads = TorchStageRequirements.Threads(context.Parameters);
        MlpCrossValidation.Result result;
        try
        {
            TorchRuntime.ThreadCount = threads;
            bool cuda = context.Device == "cuda";
            if (cuda) TorchRuntime.SetDeterministic(true);
            context.Log($"{patients.Length} patients × {config.InputSize} expression inputs → {targetNames.Length} targets; MLP {config.InputSize}-{string.Join("-", hidden)}-{targetNames.Length}" +
                        $"{(pretrained ? " from the pretrained encoder" : " from random weights")}, dropout {options.Dropout}, MAE{(options.Nonnegative ? ", non-negative outputs" : "")}; {k} folds; {(cuda ? "cuda" : "cpu")}, {threads} threads");
            result = MlpCrossValidation.Run(patients, inputs, TargetsFor, folds, config, training, options.Epochs, options.Patience,
                options.ValidationFraction, options.Seed, cuda ? TorchDevice.Cuda() : TorchDevice.Cpu,
                (fold, of) => context.Report(0.05 + 0.85 * (fold - 1) / of, $"fold {fold} of {of}"), cancellationToken, Initialise, standardise: !pretrained, log: context.Log);
        }
        finally
        {
            TorchRuntime.ThreadCount = previousThreads;
        }

        string model = context.StageId;
        var rows = (from p in Enumerable.Range(0, patients.Length) from t in Enumerable.Range(0, targetNames.Length) select (p, t)).ToArray();
        var predicted = rows.Select(r => result.Outputs[r.p][r.t] * targetScale[folds[r.p]][r.t]).ToArray();
        ParquetFile.Write(new Table()
            .Add("patient_id", rows.Select(r => (string?)patients[r.p]).ToArray())
            .Add("fold", rows.Select(r => folds[r.p]).ToArray())
            .Add("target", rows.Select(r => (string?)targetNames[r.t]).ToArray())
            .Add("observed", rows.Select(r => observed[r.p][r.t]).ToArray())
            .Add("predicted", predicted)
            .Add("model", rows.Select(_ => (string?)model).ToArray()), context.Output("predictions"));
        ParquetFile.Write(new Table()
            .Add("fold", result.History.Select(h => h.Fold).ToArray())
            .Add("epoch", result.History.Select(h => h.Epoch.Epoch).ToArray())
            .Add("train_loss", result.History.Select(h => h.Epoch.TrainLoss).ToArray())
            .Add("val_loss", result.History.Select(h => h.Epoch.ValidationLoss).ToArray())
            .Add("kept", result.History.Select(h => h.Kept).ToArray()), context.Output("training"));

        var mae = new double[targetNames.Length];
        var mape = new double[targetNames.Length];
        var r = new double[targetNames.Length];
        for (int t = 0; t < targetNames.Length; t++)
        {
            var o = Enumerable.Range(0, patients.Length).Select(p => observed[p][t]).ToArray();
            var y = Enumerable.Range(0, patients.Length).Select(p => predicted[p * targetNames.Length + t]).ToArray();
            mae[t] = o.Zip(y, (a, b) => Math.Abs(a - b)).Average();
            var nonzero = Enumerable.Range(0, o.Length).Where(i => o[i] != 0).ToArray();
            mape[t] = nonzero.Length == 0 ? double.NaN : 100 * nonzero.Average(i => Math.Abs((o[i] - y[i]) / o[i]));
            r[t] = Pearson(o, y);
        }
        ParquetFile.Write(new Table()
            .Add("target", targetNames.Cast<string?>().ToArray())
            .Add("mae", mae)
            .Add("mape", mape.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray())
            .Add("pearson_r", r.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray())
            .Add("model", targetNames.Select(_ => (string?)model).ToArray()), context.Output("metrics"));

        context.Record("patients", patients.Length);
        context.Record("targets", targetNames.Length);
        context.Record("pretrained", pretrained);
        context.Record("threads", threads);
        string text = string.Format(CultureInfo.InvariantCulture, "{0} targets of {1} patients, {2}-fold CV; median held-out r {3:0.000}, mean MAPE {4:0.0}%{5}",
            targetNames.Length, patients.Length, k, r.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Order().ElementAt(Math.Max(0, r.Count(double.IsFinite) / 2)),
            mape.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average(), pretrained ? " (encoder-initialised)" : "");
        context.Headline(text);
        context.Report(1.0, text);
        return Task.CompletedTask;
    }

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    private static int[] ReadFoldColumn(StageContext context, string column, IReadOnlyList<string> patients) =>
        context.HasInput("clinical") ? FoldColumn.ReadTable(context.Input("clinical"), "clinical table", column, patients)
            : throw new DataProblemException("params", "fold_column", $"is '{column}' but no clinical table is consumed", "add the stage with the clinical table to needs, or leave fold_column empty");
}
