using System.Globalization;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>classify.forest</c>: a clinical label from the features by a random forest grown as <c>randomForest</c> grows it
/// (ntree 500, mtry ⌊√p⌋, bootstrap, Gini, nodesize 1), optionally after PCA or ReliefF selection. Labels, patients,
/// folds and <c>split</c> are handled exactly as in <c>classify.lasso</c>; the estimate is cross-validated over patients,
/// and everything fitted — the selection, the forest, a quantile label rule, the Youden cut-off (on training patients'
/// out-of-bag scores) — sees only training patients. The forest on all patients is written as a <c>model</c> table
/// (<see cref="RandomForestModel"/> beside the <see cref="ClassifierModel"/> header) that classify.apply scores a new
/// cohort with, without retraining.
/// </summary>
public sealed class ClassifyForestStage : TableStageKind<ClassifyForestOptions>
{
    public override string Name => "classify.forest";
    public override int Version => 2;
    public override string Summary => "Random-forest classifier (randomForest's defaults) of a clinical label, PCA/ReliefF selection inside the folds, patient-level cross-validated estimate.";
    public override IReadOnlyList<string> Consumes => ["features", "clinical"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("predictions", "held-out predictions of the cross-validation: patient_id (and image_id under split: image), fold, label, score (share of trees voting positive), threshold, …"),
        new("metrics", "metric, value, note: AUC with DeLong CI of the held-out predictions, class counts, accuracy etc. at the training folds' Youden cut-offs, OOB error, leaky"),
        new("importance", "MeanDecreaseGini of the forest on all patients: feature, mean_decrease_gini, rank"),
        new("oob", "the forest on all patients, per patient: label, oob_score (mean over its rows), oob_trees, oob_predicted, score (the whole forest's, in bag included)"),
        new("model", "the trained model for classify.apply: label rule with its training cut-off, Youden cut-off of the out-of-bag scores, input features, the forest's nodes and the selection (section node, selection)"),
        new("model_selection", "the feature selection of the model: selection, output_index, output, input, center, scale, loading, sdev, weight"),
    ];

    public override Task RunAsync(StageContext context, ClassifyForestOptions options, CancellationToken cancellationToken)
    {
        var rule = options.ToRule();
        var cohort = ClassifyCohort.Prepare(context, rule, options.Incomplete, options.Folds, options.FoldColumn, options.Split, new Random(options.Seed));
        var kind = options.Selection switch
        {
            ForestSelection.None => FeatureSelectionKind.None, ForestSelection.Pca => FeatureSelectionKind.Pca, ForestSelection.Relieff => FeatureSelectionKind.ReliefF,
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };
        if (kind == FeatureSelectionKind.ReliefF && options.K < 1)
            throw new DataProblemException(context.StageId, "params", "selection: relieff keeps k features, but k is 0", "set k to the number of features to keep");
        FeatureSelection Select(IReadOnlyList<double[]> columns, double[] labels) =>
            FeatureSelection.Fit(kind, columns, labels, options.K, options.K == 0 ? options.Variance : 0, options.Neighbours);
        var forestOptions = new RandomForestOptions { Trees = options.Ntree, Mtry = options.Mtry, NodeSize = options.Nodesize, Seed = options.Seed };

        int k = cohort.FoldCount;
        context.Report(0.02, $"{rule.Describe()}: {cohort.Patients.Count} patients, {cohort.Rows.Length} rows × {cohort.Columns.Length} features, {k} outer folds, {options.Ntree} trees");
        var predictions = CrossValidatedEstimate.Run(cohort.Columns, cohort.UnitOfRow, cohort.OuterFolds, cohort.LabelsFor, (columns, labels, fold) =>
        {
            var selected = Select(columns, labels);
            var forest = RandomForestClassifier.Fit(selected.Apply(columns), labels, forestOptions with { Seed = RandomForestClassifier.StreamSeed(options.Seed, 1000 + fold) });
            return new FoldModel(x => forest.Forest.Score(selected.Apply(x)), Enumerable.Range(0, labels.Length).Select(forest.OobScore).ToArray(),
                forest.OobError, selected.OutputCount);
        }, (fold, of) => context.Report(0.05 + 0.75 * fold / of, $"outer fold {fold} of {of}"));
        cancellationToken.ThrowIfCancellationRequested();

        // The model on all patients: selection and forest fitted on every row.
        context.Report(0.85, "model on all patients");
        var finalLabels = cohort.LabelsFor(Enumerable.Range(0, cohort.Units).ToArray());
        var y = cohort.UnitOfRow.Select(u => finalLabels[u]).ToArray();
        var selection = Select(cohort.Columns, y);
        var selected = selection.Apply(cohort.Columns);
        var fit = RandomForestClassifier.Fit(selected, y, forestOptions);
        var model = new RandomForestModel(fit.Forest, selection, cohort.Features.FeatureNames);
        WriteImportance(context.Output("importance"), model.ForestFeatures, fit.MeanDecreaseGini);
        var oobScore = WriteOob(context.Output("oob"), cohort, finalLabels, fit, fit.Forest.Score(selected));

        // The model artefact: its Youden cut-off is chosen on the units' out-of-bag scores, as each fold's is.
        var scored = Enumerable.Range(0, cohort.Units).Where(u => oobScore[u] is not null).ToArray();
        var youden = Roc.Youden(scored.Select(u => oobScore[u]!.Value).ToArray(), scored.Select(u => finalLabels[u]).ToArray());
        cohort.Labels.Labels(Enumerable.Range(0, cohort.Patients.Count).ToArray(), out double labelCutoff);
        var header = new ClassifierModel(RandomForestModel.Kind, context.StageId, rule, labelCutoff, youden.Threshold,
            cohort.ImageLevel ? "mean image probability" : "patient", [], cohort.Features.FeatureNames);
        model.Write(header, context.Output("model"));
        ParquetFile.Write(model.SelectionTable(), context.Output("model_selection"));

        WritePredictions(context.Output("predictions"), context.StageId, rule, cohort, predictions);
        var auc = WriteMetrics(context.Output("metrics"), predictions, cohort, fit, selection, options);

        context.Record("label", rule.Describe());
        context.Record("auc", auc.Auc);
        context.Record("auc_ci_lower", auc.CiLower);
        context.Record("auc_ci_upper", auc.CiUpper);
        context.Record("cases", auc.Cases);
        context.Record("controls", auc.Controls);
        context.Record("oob_error", fit.OobError);
        context.Record("leaky", cohort.Leaky);
        string text = string.Format(CultureInfo.InvariantCulture, "{0} AUC {1:0.000} (95% CI {2:0.000}–{3:0.000}; DeLong), {4} cases, {5} controls ({6}){7}",
            rule.Describe(), auc.Auc, auc.CiLower, auc.CiUpper, auc.Cases, auc.Controls,
            cohort.Leaky ? "image split" : $"{k}-fold CV by patient, {options.Ntree} trees", cohort.Leaky ? " — LEAKY" : "");
        context.Headline(text);
        context.Report(1.0, text);
        return Task.CompletedTask;
    }

    private static void WriteImportance(string path, string[] names, double[] gini)
    {
        var order = Enumerable.Range(0, gini.Length).OrderByDescending(j => gini[j]).ThenBy(j => j).ToArray();
        var rank = new int[gini.Length];
        for (int r = 0; r < order.Length; r++) rank[order[r]] = r + 1;
        ParquetFile.Write(new Table()
            .Add("feature", names.Select(n => (string?)n).ToArray())
            .Add("mean_decrease_gini", gini)
            .Add("rank", rank), path);
    }

    /// <summary>
    /// Per unit: the forest's out-of-bag score (the mean over the unit's rows that were out of bag at least once; returned)
    /// and its score by the whole forest (the mean over its rows, in bag included: what classify.apply gives the training cohort).
    /// </summary>
    private static double?[] WriteOob(string path, ClassifyCohort cohort, double[] labels, RandomForestFit fit, double[] rowScores)
    {
        int units = cohort.Units;
        var sum = new double[units]; var count = new int[units]; var trees = new int[units];
        for (int r = 0; r < cohort.UnitOfRow.Length; r++)
        {
            int u = cohort.UnitOfRow[r];
            trees[u] += fit.OobTrees[r];
            if (fit.OobTrees[r] == 0) continue;
            sum[u] += fit.OobScore(r); count[u]++;
        }
        var score = Enumerable.Range(0, units).Select(u => count[u] > 0 ? sum[u] / count[u] : (double?)null).ToArray();
        var full = new double[units];
        var rows = new int[units];
        for (int r = 0; r < cohort.UnitOfRow.Length; r++) { full[cohort.UnitOfRow[r]] += rowScores[r]; rows[cohort.UnitOfRow[r]]++; }
        for (int u = 0; u < units; u++) full[u] /= rows[u];
        string note = cohort.ImageLevel && !cohort.Leaky
            ? "image rows: a patient's other images may be in bag, so this OOB score is optimistic; the held-out predictions are the estimate"
            : "out of bag";
        ParquetFile.Write(new Table()
            .Add("patient_id", Enumerable.Range(0, units).Select(u => (string?)cohort.PatientOfUnit(u)).ToArray())
            .Add("image_id", Enumerable.Range(0, units).Select(cohort.ImageOfUnit).ToArray())
            .Add("label", labels.Select(v => (int)v).ToArray())
            .Add("oob_score", score)
            .Add("oob_trees", trees)
            .Add("oob_predicted", score.Select(s => s is null ? (int?)null : s > 0.5 ? 1 : 0).ToArray())
            .Add("score", full)
            .Add("note", Enumerable.Range(0, units).Select(_ => (string?)note).ToArray()), path);
        return score;
    }

    private static void WritePredictions(string path, string model, LabelRule rule, ClassifyCohort cohort, IReadOnlyList<HeldOutPrediction> p)
    {
        ParquetFile.Write(new Table()
            .Add("model", p.Select(_ => (string?)model).ToArray())
            .Add("label_name", p.Select(_ => (string?)rule.Describe()).ToArray())
            .Add("patient_id", p.Select(x => (string?)cohort.PatientOfUnit(x.Unit)).ToArray())
            .Add("image_id", p.Select(x => cohort.ImageOfUnit(x.Unit)).ToArray())
            .Add("fold", p.Select(x => x.Fold).ToArray())
            .Add("label", p.Select(x => (int)x.Label).ToArray())
            .Add("score", p.Select(x => x.Score).ToArray())
            .Add("threshold", p.Select(x => double.IsFinite(x.Threshold) ? x.Threshold : (double?)null).ToArray())
            .Add("predicted", p.Select(x => x.Score > x.Threshold ? 1 : 0).ToArray())
            .Add("fold_oob_error", p.Select(x => x.FoldStatistic).ToArray())
            .Add("features", p.Select(x => x.Features).ToArray())
            .Add("level", p.Select(_ => (string?)cohort.Level).ToArray())
            .Add("leaky", p.Select(_ => cohort.Leaky).ToArray())
            , path);
    }

    private static DeLongAuc WriteMetrics(string path, IReadOnlyList<HeldOutPrediction> p, ClassifyCohort cohort, RandomForestFit fit,
        FeatureSelection selection, ClassifyForestOptions options)
    {
        var score = p.Select(x => x.Score).ToArray();
        var label = p.Select(x => x.Label).ToArray();
        var auc = Roc.DeLong(score, label);
        var counts = ConfusionCounts.Of(p.Select(x => x.Score > x.Threshold).ToArray(), label);
        var metrics = new List<(string, double, string?)>
        {
            ("auc", auc.Auc, $"held-out, {cohort.Level}"),
            ("auc_se", auc.StandardError, "DeLong"),
            ("auc_ci_lower", auc.CiLower, "95% DeLong, as pROC::ci.auc"),
            ("auc_ci_upper", auc.CiUpper, "95% DeLong, as pROC::ci.auc"),
            ("n_cases", auc.Cases, null),
            ("n_controls", auc.Controls, null),
            ("patients", cohort.Patients.Count, null),
            ClassifyCohort.ExcludedMetric(cohort.Labels),
            ("rows", cohort.Rows.Length, "images (or patients) the forests were grown on"),
            ("accuracy", counts.Accuracy, "at each outer fold's Youden cut-off, chosen on its training patients' out-of-bag scores"),
            ("sensitivity", counts.Sensitivity, null),
            ("specificity", counts.Specificity, null),
            ("ppv", counts.Ppv, null),
            ("npv", counts.Npv, null),
            ("outer_folds", p.Max(x => x.Fold), null),
            ("ntree", options.Ntree, null),
            ("mtry", new RandomForestOptions { Mtry = options.Mtry }.MtryFor(selection.OutputCount), "model on all patients"),
            ("features_used", selection.OutputCount, $"model on all patients, selection {options.Selection.ToString().ToLowerInvariant()}"),
            ("oob_error", fit.OobError, cohort.ImageLevel && !cohort.Leaky ? "model on all patients, per row (optimistic: a patient's other images may be in bag)" : "model on all patients"),
            ("leaky", cohort.Leaky ? 1 : 0, cohort.Leaky ? "split: image, not an estimate" : "patient split"),
        };
        ParquetFile.Write(new Table()
            .Add("metric", metrics.Select(m => (string?)m.Item1).ToArray())
            .Add("value", metrics.Select(m => double.IsFinite(m.Item2) ? m.Item2 : (double?)null).ToArray())
            .Add("note", metrics.Select(m => m.Item3).ToArray())
            , path);
        return auc;
    }
}
