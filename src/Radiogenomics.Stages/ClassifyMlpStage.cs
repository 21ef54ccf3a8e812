using System.Globalization;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Learning;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>classify.mlp</c>: a clinical label from the features by a small multilayer perceptron through the libtorch
/// bridge (binary cross-entropy on a logit; Liu &amp; Hu 2023's DNN for binarised signatures and immune infiltration).
/// Labels are read as classify.lasso reads them (0/1, text with a positive level, a threshold, or a quantile fitted on
/// each fold's training patients). Image rows become patient means. The estimate is cross-validated by patient: outer
/// folds stratified by the label (or a fold column); inside each training fold a seeded patient split stops training
/// early and the inputs are standardised with the fitting patients only. <c>predictions</c> (patient_id, fold, label,
/// score = the held-out probability) is what evaluate.classifiers reads.
/// </summary>
public sealed class ClassifyMlpStage : TableStageKind<ClassifyMlpOptions>
{
    public override string Name => "classify.mlp";
    public override int Version => 1;
    public override string Summary => "Multilayer-perceptron classifier (libtorch, binary cross-entropy) of a clinical label, with a cross-validated patient-level estimate.";
    public override IReadOnlyList<string> Consumes => ["features", "clinical"];
    public override bool SupportsGpu => true;
    public override bool DeviceAffectsOutput => true;
    public override StageResources Resources(ResolvedParameters parameters) => TorchStageRequirements.Resources(parameters);
    public override IReadOnlyList<string> NativeCode => TorchStageRequirements.NativeCode;

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("predictions", "held-out predictions: model, label_name, patient_id, fold, label, score (probability)"),
        new("training", "one row per outer fold and epoch: fold, epoch, train_loss, val_loss (early-stopping patients' cross-entropy), kept"),
        new("metrics", "metric, value, note: AUC with DeLong CI of the held-out predictions, class counts"),
    ];

    public override Task RunAsync(StageContext context, ClassifyMlpOptions options, CancellationToken cancellationToken)
    {
        var features = FeatureMatrix.Read(context.Input("features"));
        var rule = new LabelRule(options.Label, options.Positive.Length > 0 ? options.Positive : null,
            options.Rule == LabelRuleKind.Threshold ? options.Threshold : null, options.Rule == LabelRuleKind.Quantile ? options.Quantile : null);
        const string table = "clinical table";
        var labels = ClassLabels.Read(context.Input("clinical"), table, rule, PatientOrder.Of(features.PatientIds),
            options.Incomplete switch { IncompletePatients.Drop => true, IncompletePatients.Fail => false });
        if (labels.Dropped.Count > 0) context.Log($"left out {labels.Dropped.Count} patient(s) without a label or without features (incomplete: drop)");
        var patients = labels.Patients;
        var allLabels = labels.Labels(null);
        string where = $"column '{rule.Column}'";
        if (patients.Count < options.Folds)
            throw new DataProblemException(table, where, $"labels {patients.Count} patients with features, fewer than the {options.Folds} folds", "use fewer folds (folds:)");
        int positives = allLabels.Count(v => v == 1);
        if (!rule.IsFoldDependent && Math.Min(positives, patients.Count - positives) < options.Folds)
            throw new DataProblemException(table, where, $"has {positives} positive and {patients.Count - positives} negative patients; each fold needs both classes ({options.Folds} folds)",
                "use fewer folds (folds:), or a label with more patients in the smaller class");

        // Patient-level inputs: the mean of each feature over the patient's rows.
        var index = PatientOrder.IndexOf(patients);
        var inputs = patients.Select(_ => new double[features.FeatureCount]).ToArray();
        var rowsOf = new int[patients.Count];
        for (int i = 0; i < features.ImageCount; i++)
        {
            if (features.PatientIds[i] is not { } id || !index.TryGetValue(id, out int p)) continue;
            rowsOf[p]++;
            for (int j = 0; j < features.FeatureCount; j++) inputs[p][j] += features.Columns[j][i];
        }
        for (int p = 0; p < patients.Count; p++)
            for (int j = 0; j < features.FeatureCount; j++) inputs[p][j] /= rowsOf[p];
        var bad = Enumerable.Range(0, patients.Count).FirstOrDefault(p => inputs[p].Any(v => !double.IsFinite(v)), -1);
        if (bad >= 0)
            throw new DataProblemException("features table", $"patient '{patients[bad]}'", "has a missing or non-finite feature value", "impute or drop the feature (normalize.features) before classify.mlp");

        var folds = options.FoldColumn.Length > 0 ? FoldColumn.ReadTable(context.Input("clinical"), "clinical table", options.FoldColumn, patients)
            : StratifiedFolds.Assign(allLabels, options.Folds, new Random(options.Seed));
        var config = new MlpConfig { InputSize = features.FeatureCount, Hidden = MlpCrossValidation.HiddenLayers(options.Hidden), OutputSize = 1, Activation = options.Activation, Dropout = options.Dropout };
        var training = new MlpTrainingOptions
        {
            Loss = MlpLoss.BinaryCrossEntropy, Optimizer = options.Optimizer, LearningRate = options.LearningRate, Momentum = options.Momentum,
            WeightDecay = options.L2, BatchSize = options.BatchSize,
        };
        double[][] TargetsFor(int[] trainingPatients) => labels.Labels(trainingPatients).Select(v => new[] { v }).ToArray();

        int previousThreads = TorchRuntime.ThreadCount;
        int threads = TorchStageRequirements.Threads(context.Parameters);
        MlpCrossValidation.Result result;
        try
        {
            TorchRuntime.ThreadCount = threads;
            bool cuda = context.Device == "cuda";
            if (cuda) TorchRuntime.SetDeterministic(true);
            context.Log($"{rule.Describe()}: {patients.Count} patients × {features.FeatureCount} features; MLP {features.FeatureCount}-{string.Join("-", config.Hidden)}-1, " +
                        $"{OptionChoices.Spelling(options.Activation)}, dropout {options.Dropout}, L2 {options.L2}; {folds.Max()} outer folds; {(cuda ? "cuda" : "cpu")}, {threads} threads");
            result = MlpCrossValidation.Run(patients, inputs, (_, train) => TargetsFor(train), folds, config, training, options.Epochs, options.Patience,
                options.ValidationFraction, options.Seed, cuda ? TorchDevice.Cuda() : TorchDevice.Cpu,
                (fold, of) => context.Report(0.05 + 0.85 * (fold - 1) / of, $"outer fold {fold} of {of}"), cancellationToken, log: context.Log);
        }
        finally
        {
            TorchRuntime.ThreadCount = previousThreads;
        }

        // Each held-out patient's label under its own fold's rule (a quantile cut from that fold's training patients).
        var label = new double[patients.Count];
        for (int fold = 1; fold <= folds.Max(); fold++)
        {
            var train = Enumerable.Range(0, patients.Count).Where(p => folds[p] != fold).ToArray();
            var foldLabels = labels.Labels(train);
            for (int p = 0; p < patients.Count; p++) if (folds[p] == fold) label[p] = foldLabels[p];
        }
        var score = result.Outputs.Select(o => 1.0 / (1.0 + Math.Exp(-o[0]))).ToArray();
        ParquetFile.Write(new Table()
            .Add("model", patients.Select(_ => (string?)context.StageId).ToArray())
            .Add("label_name", patients.Select(_ => (string?)rule.Describe()).ToArray())
            .Add("patient_id", patients.Cast<string?>().ToArray())
            .Add("fold", folds)
            .Add("label", label.Select(v => (int)v).ToArray())
            .Add("score", score), context.Output("predictions"));
        ParquetFile.Write(new Table()
            .Add("fold", result.History.Select(h => h.Fold).ToArray())
            .Add("epoch", result.History.Select(h => h.Epoch.Epoch).ToArray())
            .Add("train_loss", result.History.Select(h => h.Epoch.TrainLoss).ToArray())
            .Add("val_loss", result.History.Select(h => h.Epoch.ValidationLoss).ToArray())
            .Add("kept", result.History.Select(h => h.Kept).ToArray()), context.Output("training"));
        var auc = Roc.DeLong(score, label);
        var metrics = new List<(string, double, string?)>
        {
            ("auc", auc.Auc, "held-out, patient (mean of the patient's feature rows)"),
            ("auc_se", auc.StandardError, "DeLong"),
            ("auc_ci_lower", auc.CiLower, "95% DeLong, as pROC::ci.auc"),
            ("auc_ci_upper", auc.CiUpper, "95% DeLong, as pROC::ci.auc"),
            ("n_cases", auc.Cases, null),
            ("n_controls", auc.Controls, null),
            ("patients", patients.Count, null),
            ("outer_folds", folds.Max(), null),
            ("kept_epoch_mean", result.History.Where(h => h.Kept).Select(h => (double)h.Epoch.Epoch).DefaultIfEmpty(double.NaN).Average(), "early stopping per fold"),
        };
        ParquetFile.Write(new Table()
            .Add("metric", metrics.Select(m => (string?)m.Item1).ToArray())
            .Add("value", metrics.Select(m => double.IsFinite(m.Item2) ? m.Item2 : (double?)null).ToArray())
            .Add("note", metrics.Select(m => m.Item3).ToArray()), context.Output("metrics"));

        context.Record("label", rule.Describe());
        context.Record("auc", auc.Auc);
        context.Record("auc_ci_lower", auc.CiLower);
        context.Record("auc_ci_upper", auc.CiUpper);
        context.Record("threads", threads);
        string text = string.Format(CultureInfo.InvariantCulture, "{0}: {1} AUC {2:0.000} (95% CI {3:0.000}–{4:0.000}; DeLong), {5} cases, {6} controls ({7}-fold CV by patient)",
            context.StageId, rule.Describe(), auc.Auc, auc.CiLower, auc.CiUpper, auc.Cases, auc.Controls, folds.Max());
        context.Headline(text);
        context.Report(1.0, text);
        return Task.CompletedTask;
    }
}
