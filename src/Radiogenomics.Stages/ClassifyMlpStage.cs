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
/// early and the inputs are standardised with the fitting patients only; each fold's Youden cut-off is chosen on its
/// network's scores of its training patients, as classify.lasso chooses it. <c>predictions</c> (patient_id, fold, label,
/// score = the held-out probability, threshold) is what evaluate.classifiers reads. <c>permutations: N</c> reruns the
/// whole estimate on N label shuffles (the shared <see cref="LabelPermutation"/> control of the classify stages).
/// </summary>
public sealed class ClassifyMlpStage : TableStageKind<ClassifyMlpOptions>
{
    public override string Name => "classify.mlp";
    public override int Version => 2;
    public override string Summary => "Multilayer-perceptron classifier (libtorch, binary cross-entropy) of a clinical label, with a cross-validated patient-level estimate.";
    public override IReadOnlyList<string> Consumes => ["features", "clinical"];
    public override bool SupportsGpu => true;
    public override bool DeviceAffectsOutput => true;
    public override StageResources Resources(ResolvedParameters parameters) => TorchStageRequirements.Resources(parameters);
    public override IReadOnlyList<string> NativeCode => TorchStageRequirements.NativeCode;

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("predictions", "held-out predictions: model, label_name, patient_id, fold, label, score (probability), threshold (the fold's training Youden cut-off), predicted"),
        new("training", "one row per outer fold and epoch: fold, epoch, train_loss, val_loss (early-stopping patients' cross-entropy), kept"),
        new("metrics", "metric, value, note: AUC with DeLong CI of the held-out predictions, class counts, accuracy etc. at the training folds' Youden cut-offs"),
        new("permutation", "label-permutation negative control: model, permutation, auc (the real AUC as permutation 0); empty without permutations"),
    ];

    /// <summary>One cross-validated estimate: the folds' networks, and per patient its held-out label, score and fold cut-off.</summary>
    private sealed record Estimate(MlpCrossValidation.Result Result, double[] Label, double[] Score, double[] Threshold);

    private static double Probability(float logit) => 1.0 / (1.0 + Math.Exp(-logit));

    public override Task RunAsync(StageContext context, ClassifyMlpOptions options, CancellationToken cancellationToken)
    {
        var features = FeatureMatrix.Read(context.Input("features"));
        var rule = options.ToRule();
        const string table = "clinical table";
        var labels = ClassLabels.Read(context.Input("clinical"), table, rule, PatientOrder.Of(features.PatientIds),
            options.Incomplete switch { IncompletePatients.Drop => true, IncompletePatients.Fail => false });
        ClassifyCohort.ReportLeftOut(context, labels);
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
        double[] LabelsFor(IReadOnlyList<int> trainingPatients) => labels.Labels(trainingPatients);
        var all = Enumerable.Range(0, patients.Count).ToArray();

        int previousThreads = TorchRuntime.ThreadCount;
        int threads = TorchStageRequirements.Threads(context.Parameters);
        Estimate real;
        List<double> permutationAucs;
        try
        {
            TorchRuntime.ThreadCount = threads;
            bool cuda = context.Device == "cuda";
            if (cuda) TorchRuntime.SetDeterministic(true);
            var device = cuda ? TorchDevice.Cuda() : TorchDevice.Cpu;
            context.Log($"{rule.Describe()}: {patients.Count} patients × {features.FeatureCount} features; MLP {features.FeatureCount}-{string.Join("-", config.Hidden)}-1, " +
                        $"{OptionChoices.Spelling(options.Activation)}, dropout {options.Dropout}, L2 {options.L2}; {folds.Max()} outer folds; {(cuda ? "cuda" : "cpu")}, {threads} threads");
            double share = options.Permutations > 0 ? 0.45 : 0.85;

            // The cross-validated estimate on labels given by labelsFor: each held-out patient's label under its own fold's
            // rule (a quantile cut from that fold's training patients), its score, and the fold's Youden cut-off chosen on
            // the fold model's scores of its training patients.
            Estimate Run(Func<IReadOnlyList<int>, double[]> labelsFor, int[] f, Action<int, int>? progress, Action<string>? log)
            {
                var result = MlpCrossValidation.Run(patients, inputs, (_, train) => labelsFor(train).Select(v => new[] { v }).ToArray(), f, config, training,
                    options.Epochs, options.Patience, options.ValidationFraction, options.Seed, device, progress, cancellationToken, log: log);
                var label = new double[patients.Count];
                var threshold = new double[patients.Count];
                for (int fold = 1; fold <= f.Max(); fold++)
                {
                    var train = all.Where(p => f[p] != fold).ToArray();
                    var foldLabels = labelsFor(train);
                    var fitted = result.TrainingOutputs[fold - 1];
                    var cut = Roc.Youden(train.Select(p => Probability(fitted[p]![0])).ToArray(), train.Select(p => foldLabels[p]).ToArray());
                    foreach (int p in all.Where(p => f[p] == fold)) (label[p], threshold[p]) = (foldLabels[p], cut.Threshold);
                }
                return new Estimate(result, label, result.Outputs.Select(o => Probability(o[0])).ToArray(), threshold);
            }

            real = Run(LabelsFor, folds, (fold, of) => context.Report(0.05 + share * (fold - 1) / of, $"outer fold {fold} of {of}"), context.Log);

            // Label-permutation negative control: the same estimate, folds redrawn, on shuffled labels.
            permutationAucs = LabelPermutation.Run(patients.Count, options.Permutations, options.Seed, LabelsFor, (shuffled, random) =>
            {
                var permFolds = options.FoldColumn.Length > 0 ? folds : StratifiedFolds.Assign(shuffled(all), options.Folds, random);
                var e = Run(shuffled, permFolds, null, null);
                return Roc.Auc(e.Score, e.Label);
            }, (i, of) => context.Report(0.5 + 0.45 * i / of, $"permutation {i} of {of}"), cancellationToken);
        }
        finally
        {
            TorchRuntime.ThreadCount = previousThreads;
        }

        var (result, label, score, threshold) = (real.Result, real.Label, real.Score, real.Threshold);
        ParquetFile.Write(new Table()
            .Add("model", patients.Select(_ => (string?)context.StageId).ToArray())
            .Add("label_name", patients.Select(_ => (string?)rule.Describe()).ToArray())
            .Add("patient_id", patients.Cast<string?>().ToArray())
            .Add("fold", folds)
            .Add("label", label.Select(v => (int)v).ToArray())
            .Add("score", score)
            .Add("threshold", threshold)
            .Add("predicted", score.Zip(threshold, (s, t) => s > t ? 1 : 0).ToArray())
            .Add("level", patients.Select(_ => (string?)"patient: the mean of the patient's feature rows").ToArray())
            .Add("leaky", patients.Select(_ => false).ToArray()), context.Output("predictions"));
        PermutationTable.Write(context.Output("permutation"), context.StageId, Roc.Auc(score, label), permutationAucs);
        ParquetFile.Write(new Table()
            .Add("fold", result.History.Select(h => h.Fold).ToArray())
            .Add("epoch", result.History.Select(h => h.Epoch.Epoch).ToArray())
            .Add("train_loss", result.History.Select(h => h.Epoch.TrainLoss).ToArray())
            .Add("val_loss", result.History.Select(h => h.Epoch.ValidationLoss).ToArray())
            .Add("kept", result.History.Select(h => h.Kept).ToArray()), context.Output("training"));
        var auc = Roc.DeLong(score, label);
        var counts = ConfusionCounts.Of(score.Zip(threshold, (s, t) => s > t).ToArray(), label);
        var metrics = new List<(string, double, string?)>
        {
            ("auc", auc.Auc, "held-out, patient (mean of the patient's feature rows)"),
            ("auc_se", auc.StandardError, "DeLong"),
            ("auc_ci_lower", auc.CiLower, "95% DeLong, as pROC::ci.auc"),
            ("auc_ci_upper", auc.CiUpper, "95% DeLong, as pROC::ci.auc"),
            ("n_cases", auc.Cases, null),
            ("n_controls", auc.Controls, null),
            ("patients", patients.Count, null),
            ClassifyCohort.ExcludedMetric(labels),
            ("accuracy", counts.Accuracy, "at each outer fold's Youden cut-off, chosen on its model's scores of its training patients"),
            ("sensitivity", counts.Sensitivity, null),
            ("specificity", counts.Specificity, null),
            ("ppv", counts.Ppv, null),
            ("npv", counts.Npv, null),
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
        if (permutationAucs.Count > 0) context.Record("permutation_p", PermutationTable.P(auc.Auc, permutationAucs));
        string text = string.Format(CultureInfo.InvariantCulture, "{0} AUC {1:0.000} (95% CI {2:0.000}–{3:0.000}; DeLong), {4} cases, {5} controls ({6}-fold CV by patient)",
            rule.Describe(), auc.Auc, auc.CiLower, auc.CiUpper, auc.Cases, auc.Controls, folds.Max());
        context.Headline(text);
        if (permutationAucs.Count > 0)
            context.Headline(string.Format(CultureInfo.InvariantCulture, "permutation p {0:0.0000} ({1} label shuffles, null AUC mean {2:0.000})",
                PermutationTable.P(auc.Auc, permutationAucs), permutationAucs.Count, permutationAucs.Average()));
        context.Report(1.0, text);
        return Task.CompletedTask;
    }
}
