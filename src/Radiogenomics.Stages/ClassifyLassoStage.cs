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
    public override int Version => 2;
    public override string Summary => "Lasso / elastic-net logistic classifier (glmnet-equal) of a clinical label, with a nested patient-level cross-validated estimate.";
    public override IReadOnlyList<string> Consumes => ["features", "clinical"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("path", "the model on all patients, per λ: lambda, df, dev_ratio, cv_auc, cv_sd, cv_up, cv_lo (cv.glmnet over the outer folds)"),
        new("coefficients", "rule (lambda.min, lambda.1se), lambda, term, estimate of the model on all patients; the intercept as (Intercept)"),
        new("predictions", "held-out predictions of the nested cross-validation (cohort cross-validation or training) and, under validation: external, the validation cohort scored by the final model: patient_id (and image_id under split: image), fold, label, score, threshold, cohort, …"),
        new("metrics", "metric, value, note: AUC with DeLong CI of the held-out predictions, class counts, accuracy etc. at the training folds' Youden cut-offs, leaky; validation_* under validation: external"),
        new("model", "the trained model (classify.apply scores other cohorts with it): λ.min coefficients on the original scale, label rule with its training cut-off, the training Youden cut-off, features"),
        new("permutation", "label-permutation negative control: model, permutation, auc (the real AUC as permutation 0); empty without permutations"),
    ];

    public override Task RunAsync(StageContext context, ClassifyLassoOptions options, CancellationToken cancellationToken)
    {
        var features = FeatureMatrix.Read(context.Input("features"));
        var rule = options.ToRule();
        const string table = "clinical table";
        var labels = ClassLabels.Read(context.Input("clinical"), table, rule, PatientOrder.Of(features.PatientIds),
            options.Incomplete switch { IncompletePatients.Drop => true, IncompletePatients.Fail => false });
        ClassifyCohort.ReportLeftOut(context, labels);

        var patients = labels.Patients;
        var patientIndex = PatientOrder.IndexOf(patients);
        var rows = Enumerable.Range(0, features.ImageCount).Where(i => patientIndex.ContainsKey(features.PatientIds[i]!)).ToArray();
        var columns = features.Columns.Select(c => rows.Select(i => c[i]).ToArray()).ToArray();
        var patientOfRow = rows.Select(i => patientIndex[features.PatientIds[i]!]).ToArray();
        bool imageLevel = features.Level == FeatureLevel.Image;
        var allLabels = labels.Labels(null);
        bool leaky = options.Split switch { ClassifySplit.Image => true, ClassifySplit.Patient => false };
        bool external = options.Validation == ClassifyValidation.External;
        if (leaky && (external || options.Permutations > 0))
            throw new DataProblemException(context.StageId, "options", $"split: image with {(external ? "validation: external" : "permutations")}",
                "use split: image only to show the leak, with cross-validation and no permutations");

        // Training patients: all (cross-validation) or the training cohort (external validation).
        string cohortText = "";
        var training = external
            ? ClassifyCohorts.Split(context.Input("clinical"), table, options.CohortColumn, options.TrainingCohort, options.TrainingFraction, patients, allLabels, options.Seed, out cohortText)
            : Enumerable.Repeat(true, patients.Count).ToArray();
        if (external) context.Log($"external validation: {cohortText}; {training.Count(b => b)} training, {training.Count(b => !b)} validation patients");
        var trainPatients = Enumerable.Range(0, patients.Count).Where(p => training[p]).ToArray();
        ClassifyCohort.CheckCounts(rule, trainPatients.Select(p => allLabels[p]).ToArray(), options.Folds);
        if (options.Split == ClassifySplit.Patient && (double)trainPatients.Length * (options.Folds - 1) / options.Folds / options.InnerFolds < 10)
            throw new DataProblemException(table, $"column '{rule.Column}'",
                $"labels {trainPatients.Length} training patients: an outer training set of about {trainPatients.Length * (options.Folds - 1) / options.Folds} gives fewer than 10 patients per inner fold, too few for a fold AUC",
                "use fewer inner_folds (or folds), or more patients");
        if (leaky)
        {
            if (options.FoldColumn.Length > 0)
                throw new DataProblemException(table, $"column '{options.FoldColumn}'", "a fold column assigns patients, but split: image assigns images", "leave fold_column out with split: image");
            context.Warn($"split: image puts images of the same patient in training and test folds (the seed code's method); its AUC is leaky, not an estimate");
        }

        // Units are what the folds hold out: training patients, or single images under the leaky split.
        var trainRows = Enumerable.Range(0, rows.Length).Where(r => training[patientOfRow[r]]).ToArray();
        var unitOfPatient = Enumerable.Repeat(-1, patients.Count).ToArray();
        for (int u = 0; u < trainPatients.Length; u++) unitOfPatient[trainPatients[u]] = u;
        var trainColumns = external ? columns.Select(c => trainRows.Select(r => c[r]).ToArray()).ToArray() : columns;
        var unitOfRow = leaky ? Enumerable.Range(0, trainRows.Length).ToArray() : trainRows.Select(r => unitOfPatient[patientOfRow[r]]).ToArray();
        var patientOfUnit = leaky ? trainRows.Select(r => patientOfRow[r]).ToArray() : trainPatients;
        int units = patientOfUnit.Length;
        var random = new Random(options.Seed);
        var unitLabels = patientOfUnit.Select(p => allLabels[p]).ToArray();
        var trainNames = trainPatients.Select(p => patients[p]).ToList();
        var outer = options.FoldColumn.Length > 0 ? ClassifyCohort.ReadFolds(context.Input("clinical"), options.FoldColumn, trainNames)
            : StratifiedFolds.Assign(unitLabels, options.Folds, random);
        int k = outer.Max();

        // Labels of every unit given the training units of a fold (a quantile rule sees the training patients only).
        double[] LabelsFor(IReadOnlyList<int> trainingUnits)
        {
            var byPatient = labels.Labels(trainingUnits.Select(u => patientOfUnit[u]).Distinct().ToArray());
            return patientOfUnit.Select(p => byPatient[p]).ToArray();
        }

        var lasso = new LogisticLassoOptions { Alpha = options.Alpha, LambdaCount = options.Nlambda };
        context.Report(0.02, $"{rule.Describe()}: {trainPatients.Length} {(external ? "training " : "")}patients, {trainRows.Length} rows × {columns.Length} features, {k} outer × {options.InnerFolds} inner folds");
        double share = options.Permutations > 0 ? 0.5 : 0.8;
        var predictions = NestedLassoEstimate.Run(trainColumns, unitOfRow, outer, LabelsFor, options.InnerFolds, random, lasso,
            (fold, of) => context.Report(0.05 + share * fold / of, $"outer fold {fold} of {of}"));
        cancellationToken.ThrowIfCancellationRequested();

        // The model on all training patients (λ by cv.glmnet over the outer folds): path, coefficients and the model artefact.
        context.Report(0.88 - (share == 0.5 ? 0.3 : 0), "model on all training patients");
        var finalLabels = LabelsFor(Enumerable.Range(0, units).ToArray());
        labels.Labels(trainPatients, out double labelCutoff);
        var cv = LassoCrossValidation.Run(trainColumns, unitOfRow.Select(u => finalLabels[u]).ToArray(), unitOfRow.Select(u => outer[u]).ToArray(), lasso,
            leaky || !imageLevel ? null : unitOfRow);
        WritePath(context.Output("path"), cv);
        WriteCoefficients(context.Output("coefficients"), cv, features.FeatureNames);

        // Every patient's score under the final model (mean of its rows' probabilities): the training patients' give the
        // model's Youden cut-off, the validation patients' are the external predictions.
        var finalScore = new double[patients.Count];
        var rowCount = new int[patients.Count];
        for (int r = 0; r < rows.Length; r++)
        {
            finalScore[patientOfRow[r]] += 1.0 / (1.0 + Math.Exp(-cv.Fit.Link(cv.IndexMin, columns, r)));
            rowCount[patientOfRow[r]]++;
        }
        for (int p = 0; p < patients.Count; p++) finalScore[p] /= rowCount[p];
        var patientTrainLabels = labels.Labels(trainPatients);
        var youden = Roc.Youden(trainPatients.Select(p => finalScore[p]).ToArray(), trainPatients.Select(p => patientTrainLabels[p]).ToArray());
        string level = leaky ? "image (leaky: a patient's images on both sides of the split)"
            : imageLevel ? "patient: mean of the patient's image probabilities" : "patient";
        WriteModel(context.Output("model"), context.StageId, rule, labelCutoff, youden.Threshold, imageLevel ? "mean image probability" : "patient", cv, features.FeatureNames);

        string cohortOfCv = external ? ClassifyCohorts.Training : ClassifyCohorts.CrossValidation;
        var output = predictions.Select(x => new PredictionRow(patients[patientOfUnit[x.Unit]], leaky ? features.ImageIds[rows[trainRows[x.Unit]]] : null,
            x.Fold, x.Label, x.Score, x.Threshold, x.Lambda, x.NonZero, cohortOfCv)).ToList();
        var validation = Enumerable.Range(0, patients.Count).Where(p => !training[p]).Select(p => new PredictionRow(patients[p], null, 0,
            patientTrainLabels[p], finalScore[p], youden.Threshold, cv.LambdaMin, cv.Fit.Df[cv.IndexMin], ClassifyCohorts.Validation)).ToList();
        WritePredictions(context.Output("predictions"), context.StageId, rule, level, leaky, [.. output, .. validation]);
        var (auc, validationAuc) = WriteMetrics(context.Output("metrics"), predictions, validation, level, leaky, cv, options, patients.Count, rows.Length, labels);

        // Label-permutation negative control: the same nested estimate on shuffled labels.
        var permutationAucs = LabelPermutation.Run(units, options.Permutations, options.Seed, LabelsFor, (shuffled, permRandom) =>
        {
            var permLabels = shuffled(Enumerable.Range(0, units).ToArray());
            var permOuter = options.FoldColumn.Length > 0 ? outer : StratifiedFolds.Assign(permLabels, options.Folds, permRandom);
            var permPredictions = NestedLassoEstimate.Run(trainColumns, unitOfRow, permOuter, shuffled, options.InnerFolds, permRandom, lasso);
            return Roc.Auc(permPredictions.Select(x => x.Score).ToArray(), permPredictions.Select(x => x.Label).ToArray());
        }, (i, of) => context.Report(0.6 + 0.38 * i / of, $"permutation {i} of {of}"), cancellationToken);
        PermutationTable.Write(context.Output("permutation"), context.StageId, auc.Auc, permutationAucs);

        context.Record("label", rule.Describe());
        context.Record("auc", auc.Auc);
        context.Record("auc_ci_lower", auc.CiLower);
        context.Record("auc_ci_upper", auc.CiUpper);
        context.Record("cases", auc.Cases);
        context.Record("controls", auc.Controls);
        context.Record("leaky", leaky);
        if (validationAuc is { } v) context.Record("validation_auc", v.Auc);
        if (permutationAucs.Count > 0) context.Record("permutation_p", PermutationTable.P(auc.Auc, permutationAucs));
        string text = string.Format(CultureInfo.InvariantCulture, "{0} AUC {1:0.000} (95% CI {2:0.000}–{3:0.000}; DeLong), {4} cases, {5} controls ({6}){7}{8}",
            rule.Describe(), auc.Auc, auc.CiLower, auc.CiUpper, auc.Cases, auc.Controls,
            leaky ? "image split" : $"nested {k}×{options.InnerFolds}-fold CV by patient{(external ? " in the training cohort" : "")}", leaky ? " — LEAKY" : "",
            validationAuc is { } va ? string.Format(CultureInfo.InvariantCulture, "; validation cohort AUC {0:0.000} (95% CI {1:0.000}–{2:0.000}), {3} cases, {4} controls", va.Auc, va.CiLower, va.CiUpper, va.Cases, va.Controls) : "");
        context.Headline(text);
        if (permutationAucs.Count > 0)
            context.Headline(string.Format(CultureInfo.InvariantCulture, "permutation p {0:0.0000} ({1} label shuffles, null AUC mean {2:0.000})",
                PermutationTable.P(auc.Auc, permutationAucs), permutationAucs.Count, permutationAucs.Average()));
        context.Report(1.0, text);
        return Task.CompletedTask;
    }

    /// <summary>One row of the predictions table.</summary>
    private sealed record PredictionRow(string Patient, string? Image, int Fold, double Label, double Score, double Threshold, double Lambda, int NonZero, string Cohort);

    private static void WriteModel(string path, string stage, LabelRule rule, double labelCutoff, double youden, string aggregation,
        LassoCrossValidationResult cv, IReadOnlyList<string> names)
    {
        var b = cv.Fit.Beta[cv.IndexMin];
        var terms = new List<ModelTerm> { new("(Intercept)", ModelTerm.Intercept, null, null, cv.Fit.Intercept[cv.IndexMin]) };
        for (int j = 0; j < b.Length; j++) if (b[j] != 0) terms.Add(new ModelTerm(names[j], ModelTerm.Feature, names[j], null, b[j]));
        new ClassifierModel(ClassifierModel.LogisticKind, stage, rule, labelCutoff, youden, aggregation, terms, names).Write(path);
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

    private static void WritePredictions(string path, string model, LabelRule rule, string level, bool leaky, IReadOnlyList<PredictionRow> p)
    {
        ParquetFile.Write(new Table()
            .Add("model", p.Select(_ => (string?)model).ToArray())
            .Add("label_name", p.Select(_ => (string?)rule.Describe()).ToArray())
            .Add("patient_id", p.Select(x => (string?)x.Patient).ToArray())
            .Add("image_id", p.Select(x => x.Image).ToArray())
            .Add("fold", p.Select(x => x.Fold).ToArray())
            .Add("label", p.Select(x => (int)x.Label).ToArray())
            .Add("score", p.Select(x => x.Score).ToArray())
            .Add("threshold", p.Select(x => double.IsFinite(x.Threshold) ? x.Threshold : (double?)null).ToArray())
            .Add("predicted", p.Select(x => x.Score > x.Threshold ? 1 : 0).ToArray())
            .Add("lambda", p.Select(x => x.Lambda).ToArray())
            .Add("nonzero", p.Select(x => x.NonZero).ToArray())
            .Add("cohort", p.Select(x => (string?)x.Cohort).ToArray())
            .Add("level", p.Select(_ => (string?)level).ToArray())
            .Add("leaky", p.Select(_ => leaky).ToArray())
            , path);
    }

    private static (DeLongAuc Auc, DeLongAuc? Validation) WriteMetrics(string path, IReadOnlyList<OutOfFoldPrediction> p, IReadOnlyList<PredictionRow> validation,
        string level, bool leaky, LassoCrossValidationResult cv, ClassifyLassoOptions options, int patients, int rows, ClassLabels labels)
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
            ClassifyCohort.ExcludedMetric(labels),
            ("rows", rows, "images (or patients) the models were fitted on"),
            ("accuracy", counts.Accuracy, "at each outer fold's Youden cut-off, chosen on its training patients"),
            ("sensitivity", counts.Sensitivity, null),
            ("specificity", counts.Specificity, null),
            ("ppv", counts.Ppv, null),
            ("npv", counts.Npv, null),
            ("outer_folds", p.Max(x => x.Fold), null),
            ("inner_folds", options.InnerFolds, null),
            ("lambda_min", cv.LambdaMin, "model on all training patients"),
            ("lambda_1se", cv.LambdaOneSe, "model on all training patients"),
            ("nonzero_lambda_min", cv.Fit.Df[cv.IndexMin], "model on all training patients"),
            ("leaky", leaky ? 1 : 0, leaky ? "split: image, not an estimate" : "patient split"),
        };
        DeLongAuc? external = null;
        if (validation.Count > 0)
        {
            var v = Roc.DeLong(validation.Select(x => x.Score).ToArray(), validation.Select(x => x.Label).ToArray());
            var vc = ConfusionCounts.Of(validation.Select(x => x.Score > x.Threshold).ToArray(), validation.Select(x => x.Label).ToArray());
            external = v;
            metrics.AddRange([
                ("validation_auc", v.Auc, "validation cohort, model trained on all training patients"),
                ("validation_auc_ci_lower", v.CiLower, "95% DeLong"),
                ("validation_auc_ci_upper", v.CiUpper, "95% DeLong"),
                ("validation_n_cases", v.Cases, null),
                ("validation_n_controls", v.Controls, null),
                ("validation_accuracy", vc.Accuracy, "at the Youden cut-off of the training patients' scores"),
                ("validation_sensitivity", vc.Sensitivity, null),
                ("validation_specificity", vc.Specificity, null),
            ]);
        }
        ParquetFile.Write(new Table()
            .Add("metric", metrics.Select(m => (string?)m.Item1).ToArray())
            .Add("value", metrics.Select(m => double.IsFinite(m.Item2) ? m.Item2 : (double?)null).ToArray())
            .Add("note", metrics.Select(m => m.Item3).ToArray())
            , path);
        return (auc, external);
    }
}
