using System.Globalization;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>classify.boosting</c>: a clinical label from the features by gradient-boosted trees with logistic loss (scikit-learn's
/// GradientBoostingClassifier split rule and Newton leaves; rounds, depth, η, row and feature sampling, minimum child
/// Hessian) — the seed study's XGBoost targets. Labels, patients, folds and <c>split</c> as in <c>classify.lasso</c>; the
/// estimate is cross-validated over patients, with each fold's Youden cut-off chosen on its training patients' fitted
/// scores, as classify.lasso chooses it. The model on all patients is written as a <c>model</c> table
/// (<see cref="GradientBoostingModel"/> beside the <see cref="ClassifierModel"/> header: trees, base score, learning rate,
/// label rule, Youden cut-off of its own training scores) that classify.apply scores a new cohort with, without retraining.
/// </summary>
public sealed class ClassifyBoostingStage : TableStageKind<ClassifyBoostingOptions>
{
    public override string Name => "classify.boosting";
    public override int Version => 2;
    public override string Summary => "Gradient-boosted trees (logistic loss, scikit-learn's split rule) of a clinical label, patient-level cross-validated estimate.";
    public override IReadOnlyList<string> Consumes => ["features", "clinical"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("predictions", "held-out predictions of the cross-validation: patient_id (and image_id under split: image), fold, label, score (probability), threshold, …"),
        new("metrics", "metric, value, note: AUC with DeLong CI of the held-out predictions, class counts, accuracy etc. at the training folds' Youden cut-offs, leaky"),
        new("importance", "feature importance of the model on all patients (scikit-learn's feature_importances_): feature, importance, rank"),
        new("fitted", "the model on all patients, per patient (or image under split: image): label, score (mean of its rows' probabilities: what classify.apply gives the training cohort)"),
        new("model", "the trained model for classify.apply: label rule with its training cut-off, Youden cut-off of the fitted scores, features, base score, learning rate and the trees' nodes (section node)"),
    ];

    public override Task RunAsync(StageContext context, ClassifyBoostingOptions options, CancellationToken cancellationToken)
    {
        var rule = options.ToRule();
        var cohort = ClassifyCohort.Prepare(context, rule, options.Incomplete, options.Folds, options.FoldColumn, options.Split, new Random(options.Seed));
        var boosting = new GradientBoostingOptions
        {
            Rounds = options.Rounds, MaxDepth = options.Depth, LearningRate = options.Eta, Subsample = options.Subsample,
            ColumnSample = options.ColumnSample, MinChildWeight = options.MinChildWeight, Seed = options.Seed,
        };
        int k = cohort.FoldCount;
        context.Report(0.02, $"{rule.Describe()}: {cohort.Patients.Count} patients, {cohort.Rows.Length} rows × {cohort.Columns.Length} features, {k} outer folds, {options.Rounds} rounds");
        var predictions = CrossValidatedEstimate.Run(cohort.Columns, cohort.UnitOfRow, cohort.OuterFolds, cohort.LabelsFor, (columns, labels, fold) =>
        {
            var model = GradientBoostingClassifier.Fit(columns, labels, boosting with { Seed = RandomForestClassifier.StreamSeed(options.Seed, 1000 + fold) });
            return new FoldModel(model.Score, model.Score(columns), double.NaN, columns.Length);
        }, (fold, of) => context.Report(0.05 + 0.8 * fold / of, $"outer fold {fold} of {of}"));
        cancellationToken.ThrowIfCancellationRequested();

        context.Report(0.88, "model on all patients");
        var finalLabels = cohort.LabelsFor(Enumerable.Range(0, cohort.Units).ToArray());
        var final = GradientBoostingClassifier.Fit(cohort.Columns, cohort.UnitOfRow.Select(u => finalLabels[u]).ToArray(), boosting);
        var fitted = WriteFitted(context.Output("fitted"), cohort, finalLabels, final.Score(cohort.Columns));

        // The model artefact: its Youden cut-off is chosen on the training units' fitted scores, as each fold's is.
        var youden = Roc.Youden(fitted, finalLabels);
        cohort.Labels.Labels(Enumerable.Range(0, cohort.Patients.Count).ToArray(), out double labelCutoff);
        var header = new ClassifierModel(GradientBoostingModel.Kind, context.StageId, rule, labelCutoff, youden.Threshold,
            cohort.ImageLevel ? "mean image probability" : "patient", [], cohort.Features.FeatureNames);
        new GradientBoostingModel(final, cohort.Features.FeatureNames).Write(header, context.Output("model"));
        var importance = final.FeatureImportance;
        var order = Enumerable.Range(0, importance.Length).OrderByDescending(j => importance[j]).ThenBy(j => j).ToArray();
        var rank = new int[importance.Length];
        for (int r = 0; r < order.Length; r++) rank[order[r]] = r + 1;
        ParquetFile.Write(new Table()
            .Add("feature", cohort.Features.FeatureNames.Select(n => (string?)n).ToArray())
            .Add("importance", importance)
            .Add("rank", rank), context.Output("importance"));

        ParquetFile.Write(new Table()
            .Add("model", predictions.Select(_ => (string?)context.StageId).ToArray())
            .Add("label_name", predictions.Select(_ => (string?)rule.Describe()).ToArray())
            .Add("patient_id", predictions.Select(x => (string?)cohort.PatientOfUnit(x.Unit)).ToArray())
            .Add("image_id", predictions.Select(x => cohort.ImageOfUnit(x.Unit)).ToArray())
            .Add("fold", predictions.Select(x => x.Fold).ToArray())
            .Add("label", predictions.Select(x => (int)x.Label).ToArray())
            .Add("score", predictions.Select(x => x.Score).ToArray())
            .Add("threshold", predictions.Select(x => double.IsFinite(x.Threshold) ? x.Threshold : (double?)null).ToArray())
            .Add("predicted", predictions.Select(x => x.Score > x.Threshold ? 1 : 0).ToArray())
            .Add("level", predictions.Select(_ => (string?)cohort.Level).ToArray())
            .Add("leaky", predictions.Select(_ => cohort.Leaky).ToArray()), context.Output("predictions"));

        var score = predictions.Select(x => x.Score).ToArray();
        var label = predictions.Select(x => x.Label).ToArray();
        var auc = Roc.DeLong(score, label);
        var counts = ConfusionCounts.Of(predictions.Select(x => x.Score > x.Threshold).ToArray(), label);
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
            ("rows", cohort.Rows.Length, "images (or patients) the models were fitted on"),
            ("accuracy", counts.Accuracy, "at each outer fold's Youden cut-off, chosen on its training patients' fitted scores"),
            ("sensitivity", counts.Sensitivity, null),
            ("specificity", counts.Specificity, null),
            ("ppv", counts.Ppv, null),
            ("npv", counts.Npv, null),
            ("outer_folds", k, null),
            ("rounds", options.Rounds, null),
            ("depth", options.Depth, null),
            ("eta", options.Eta, null),
            ("leaky", cohort.Leaky ? 1 : 0, cohort.Leaky ? "split: image, not an estimate" : "patient split"),
        };
        ParquetFile.Write(new Table()
            .Add("metric", metrics.Select(m => (string?)m.Item1).ToArray())
            .Add("value", metrics.Select(m => double.IsFinite(m.Item2) ? m.Item2 : (double?)null).ToArray())
            .Add("note", metrics.Select(m => m.Item3).ToArray()), context.Output("metrics"));

        context.Record("label", rule.Describe());
        context.Record("auc", auc.Auc);
        context.Record("auc_ci_lower", auc.CiLower);
        context.Record("auc_ci_upper", auc.CiUpper);
        context.Record("leaky", cohort.Leaky);
        string text = string.Format(CultureInfo.InvariantCulture, "{0} AUC {1:0.000} (95% CI {2:0.000}–{3:0.000}; DeLong), {4} cases, {5} controls ({6}){7}",
            rule.Describe(), auc.Auc, auc.CiLower, auc.CiUpper, auc.Cases, auc.Controls,
            cohort.Leaky ? "image split" : $"{k}-fold CV by patient, {options.Rounds} rounds", cohort.Leaky ? " — LEAKY" : "");
        context.Headline(text);
        context.Report(1.0, text);
        return Task.CompletedTask;
    }

    /// <summary>Per unit: the mean of its rows' probabilities under the model on all patients (returned); written with its label.</summary>
    private static double[] WriteFitted(string path, ClassifyCohort cohort, double[] labels, double[] rowScores)
    {
        var sum = new double[cohort.Units];
        var rows = new int[cohort.Units];
        for (int r = 0; r < cohort.UnitOfRow.Length; r++) { sum[cohort.UnitOfRow[r]] += rowScores[r]; rows[cohort.UnitOfRow[r]]++; }
        var score = sum.Select((x, u) => x / rows[u]).ToArray();
        ParquetFile.Write(new Table()
            .Add("patient_id", Enumerable.Range(0, cohort.Units).Select(u => (string?)cohort.PatientOfUnit(u)).ToArray())
            .Add("image_id", Enumerable.Range(0, cohort.Units).Select(cohort.ImageOfUnit).ToArray())
            .Add("label", labels.Select(v => (int)v).ToArray())
            .Add("score", score)
            .Add("rows", rows), path);
        return score;
    }
}
