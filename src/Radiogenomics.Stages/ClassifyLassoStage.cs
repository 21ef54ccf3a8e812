using System.Globalization;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>classify.lasso</c>: a clinical label from the features by penalised logistic regression equal to
/// <c>glmnet(family = "binomial")</c>, λ chosen as <c>cv.glmnet(type.measure = "auc")</c> does. The estimate is nested
/// cross-validation over patients (outer folds stratified by the label, or a fold column; inner folds for λ); everything
/// fitted — standardisation, λ, a quantile label rule, the Youden cut-off — sees only training patients. Image rows are
/// allowed: folds keep a patient's images together and a patient's score is the mean of its images' probabilities.
/// <c>split: image</c> reproduces the seed code's leaky image split, with a warning and its results marked leaky.
/// </summary>
public sealed class ClassifyLassoStage : TableStageKind<ClassifyLassoOptions>
{
    public override string Name => "classify.lasso";
    public override int Version => 1;
    public override string Summary => "Lasso / elastic-net logistic classifier (glmnet-equal) of a clinical label, with a nested patient-level cross-validated estimate.";
    public override IReadOnlyList<string> Consumes => ["features", "clinical"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("path", "the model on all patients, per λ: lambda, df, dev_ratio, cv_auc, cv_sd, cv_up, cv_lo (cv.glmnet over the outer folds)"),
        new("coefficients", "rule (lambda.min, lambda.1se), lambda, term, estimate of the model on all patients; the intercept as (Intercept)"),
        new("predictions", "held-out predictions of the nested cross-validation: patient_id (and image_id under split: image), fold, label, score, threshold, …"),
        new("metrics", "metric, value, note: AUC with DeLong CI of the held-out predictions, class counts, accuracy etc. at the training folds' Youden cut-offs, leaky"),
    ];

    public override Task RunAsync(StageContext context, ClassifyLassoOptions options, CancellationToken cancellationToken)
    {
        var rule = ClassifyCohort.RuleOf(options.Label, options.Rule, options.Positive, options.Threshold, options.Quantile);
        const string table = ClassifyCohort.Table;
        var random = new Random(options.Seed);
        var cohort = ClassifyCohort.Prepare(context, rule, options.Incomplete, options.Folds, options.FoldColumn, options.Split, random, patientCount =>
        {
            if (options.Split == ClassifySplit.Patient && (double)patientCount * (options.Folds - 1) / options.Folds / options.InnerFolds < 10)
                throw new DataProblemException(table, $"column '{rule.Column}'",
                    $"labels {patientCount} patients: an outer training set of about {patientCount * (options.Folds - 1) / options.Folds} gives fewer than 10 patients per inner fold, too few for a fold AUC",
                    "use fewer inner_folds (or folds), or more patients");
        });
        var (features, patients, rows, columns, patientOfRow) = (cohort.Features, cohort.Patients, cohort.Rows, cohort.Columns, cohort.PatientOfRow);
        bool imageLevel = cohort.ImageLevel, leaky = cohort.Leaky;
        int units = cohort.Units;
        var unitOfRow = cohort.UnitOfRow;
        var outer = cohort.OuterFolds;
        int k = outer.Max();
        double[] LabelsFor(IReadOnlyList<int> trainingUnits) => cohort.LabelsFor(trainingUnits);

        var lasso = new LogisticLassoOptions { Alpha = options.Alpha, LambdaCount = options.Nlambda };
        context.Report(0.02, $"{rule.Describe()}: {patients.Count} patients, {rows.Length} rows × {columns.Length} features, {k} outer × {options.InnerFolds} inner folds");
        var predictions = NestedLassoEstimate.Run(columns, unitOfRow, outer, LabelsFor, options.InnerFolds, random, lasso,
            (fold, of) => context.Report(0.05 + 0.8 * fold / of, $"outer fold {fold} of {of}"));
        cancellationToken.ThrowIfCancellationRequested();

        // The model on all patients (λ by cv.glmnet over the outer folds): path and coefficients.
        context.Report(0.88, "model on all patients");
        var finalLabels = LabelsFor(Enumerable.Range(0, units).ToArray());
        var cv = LassoCrossValidation.Run(columns, unitOfRow.Select(u => finalLabels[u]).ToArray(), unitOfRow.Select(u => outer[u]).ToArray(), lasso,
            leaky || !imageLevel ? null : patientOfRow);
        WritePath(context.Output("path"), cv);
        WriteCoefficients(context.Output("coefficients"), cv, features.FeatureNames);

        string level = leaky ? "image (leaky: a patient's images on both sides of the split)"
            : imageLevel ? "patient: mean of the patient's image probabilities" : "patient";
        WritePredictions(context.Output("predictions"), context.StageId, rule, level, leaky, predictions,
            u => leaky ? patients[patientOfRow[u]] : patients[u], u => leaky ? features.ImageIds[rows[u]] : null);
        var auc = WriteMetrics(context.Output("metrics"), predictions, level, leaky, cv, options, patients.Count, rows.Length);

        context.Record("label", rule.Describe());
        context.Record("auc", auc.Auc);
        context.Record("auc_ci_lower", auc.CiLower);
        context.Record("auc_ci_upper", auc.CiUpper);
        context.Record("cases", auc.Cases);
        context.Record("controls", auc.Controls);
        context.Record("leaky", leaky);
        string text = string.Format(CultureInfo.InvariantCulture, "{0}: {1} AUC {2:0.000} (95% CI {3:0.000}–{4:0.000}; DeLong), {5} cases, {6} controls ({7}){8}",
            context.StageId, rule.Describe(), auc.Auc, auc.CiLower, auc.CiUpper, auc.Cases, auc.Controls,
            leaky ? "image split" : $"nested {k}×{options.InnerFolds}-fold CV by patient", leaky ? " — LEAKY" : "");
        context.Headline(text);
        context.Report(1.0, text);
        return Task.CompletedTask;
    }

    private static void WritePath(string path, LassoCrossValidationResult cv)
    {
        var f = cv.Fit;
        ParquetFile.Write(new Table()
            .Add("lambda", f.Lambda.ToArray())
            .Add("df", f.Df.ToArray())
            .Add("dev_ratio", f.DevianceRatio.ToArray())
            .Add("cv_auc", cv.Cvm.ToArray())
            .Add("cv_sd", cv.Cvsd.ToArray())
            .Add("cv_up", cv.Cvm.Zip(cv.Cvsd, (m, s) => m + s).ToArray())
            .Add("cv_lo", cv.Cvm.Zip(cv.Cvsd, (m, s) => m - s).ToArray())
            .Add("selected", Enumerable.Range(0, f.Steps).Select(s => (string?)(s == cv.IndexMin && s == cv.IndexOneSe ? "lambda.min, lambda.1se" : s == cv.IndexMin ? "lambda.min" : s == cv.IndexOneSe ? "lambda.1se" : null)).ToArray())
            , path);
    }

    private static void WriteCoefficients(string path, LassoCrossValidationResult cv, IReadOnlyList<string> names)
    {
        var rule = new List<string?>();
        var lambda = new List<double>();
        var term = new List<string?>();
        var estimate = new List<double>();
        foreach (var (name, step) in new[] { ("lambda.min", cv.IndexMin), ("lambda.1se", cv.IndexOneSe) })
        {
            void Row(string t, double e) { rule.Add(name); lambda.Add(cv.Fit.Lambda[step]); term.Add(t); estimate.Add(e); }
            Row("(Intercept)", cv.Fit.Intercept[step]);
            var b = cv.Fit.Beta[step];
            for (int j = 0; j < b.Length; j++) if (b[j] != 0) Row(names[j], b[j]);
        }
        ParquetFile.Write(new Table().Add("rule", rule.ToArray()).Add("lambda", lambda.ToArray()).Add("term", term.ToArray()).Add("estimate", estimate.ToArray()), path);
    }

    private static void WritePredictions(string path, string model, LabelRule rule, string level, bool leaky, IReadOnlyList<OutOfFoldPrediction> p,
        Func<int, string> patientOf, Func<int, string?> imageOf)
    {
        ParquetFile.Write(new Table()
            .Add("model", p.Select(_ => (string?)model).ToArray())
            .Add("label_name", p.Select(_ => (string?)rule.Describe()).ToArray())
            .Add("patient_id", p.Select(x => (string?)patientOf(x.Unit)).ToArray())
            .Add("image_id", p.Select(x => imageOf(x.Unit)).ToArray())
            .Add("fold", p.Select(x => x.Fold).ToArray())
            .Add("label", p.Select(x => (int)x.Label).ToArray())
            .Add("score", p.Select(x => x.Score).ToArray())
            .Add("threshold", p.Select(x => double.IsFinite(x.Threshold) ? x.Threshold : (double?)null).ToArray())
            .Add("predicted", p.Select(x => x.Score > x.Threshold ? 1 : 0).ToArray())
            .Add("lambda", p.Select(x => x.Lambda).ToArray())
            .Add("nonzero", p.Select(x => x.NonZero).ToArray())
            .Add("level", p.Select(_ => (string?)level).ToArray())
            .Add("leaky", p.Select(_ => leaky).ToArray())
            , path);
    }

    private static DeLongAuc WriteMetrics(string path, IReadOnlyList<OutOfFoldPrediction> p, string level, bool leaky, LassoCrossValidationResult cv,
        ClassifyLassoOptions options, int patients, int rows)
    {
        var score = p.Select(x => x.Score).ToArray();
        var label = p.Select(x => x.Label).ToArray();
        var auc = Roc.DeLong(score, label);
        var counts = ConfusionCounts.Of(p.Select(x => x.Score > x.Threshold).ToArray(), label);
        var metrics = new List<(string, double, string?)>
        {
            ("auc", auc.Auc, $"held-out, {level}"),
            ("auc_se", auc.StandardError, "DeLong"),
            ("auc_ci_lower", auc.CiLower, "95% DeLong, as pROC::ci.auc"),
            ("auc_ci_upper", auc.CiUpper, "95% DeLong, as pROC::ci.auc"),
            ("n_cases", auc.Cases, null),
            ("n_controls", auc.Controls, null),
            ("patients", patients, null),
            ("rows", rows, "images (or patients) the models were fitted on"),
            ("accuracy", counts.Accuracy, "at each outer fold's Youden cut-off, chosen on its training patients"),
            ("sensitivity", counts.Sensitivity, null),
            ("specificity", counts.Specificity, null),
            ("ppv", counts.Ppv, null),
            ("npv", counts.Npv, null),
            ("outer_folds", p.Max(x => x.Fold), null),
            ("inner_folds", options.InnerFolds, null),
            ("lambda_min", cv.LambdaMin, "model on all patients"),
            ("lambda_1se", cv.LambdaOneSe, "model on all patients"),
            ("nonzero_lambda_min", cv.Fit.Df[cv.IndexMin], "model on all patients"),
            ("leaky", leaky ? 1 : 0, leaky ? "split: image, not an estimate" : "patient split"),
        };
        ParquetFile.Write(new Table()
            .Add("metric", metrics.Select(m => (string?)m.Item1).ToArray())
            .Add("value", metrics.Select(m => double.IsFinite(m.Item2) ? m.Item2 : (double?)null).ToArray())
            .Add("note", metrics.Select(m => m.Item3).ToArray())
            , path);
        return auc;
    }
}
