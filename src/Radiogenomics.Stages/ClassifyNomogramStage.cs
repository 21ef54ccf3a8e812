using System.Globalization;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Plotting;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>classify.nomogram</c>: logistic fusion of model signatures (the held-out scores of other classify stages, bound as
/// <c>predictions</c> … <c>predictions_4</c>) with clinical covariates, fitted as <c>rms::lrm</c>. The held-out estimate
/// refits the fusion inside each outer fold — the signatures' own outer folds when they carry them, so no patient's
/// fusion score comes from a model that saw it — or, under <c>validation: external</c>, fits on the training cohort
/// and scores the validation cohort. The reported model (coefficients, odds ratios, statistics) is fitted on all
/// training patients and drawn as <c>rms::nomogram</c> draws it, with its points table.
/// </summary>
public sealed class ClassifyNomogramStage : TableStageKind<ClassifyNomogramOptions>
{
    private static readonly string[] Slots = ["predictions", "predictions_2", "predictions_3", "predictions_4"];

    public override string Name => "classify.nomogram";
    public override int Version => 1;
    public override string Summary => "Nomogram: logistic fusion (rms::lrm) of classify stages' held-out scores with clinical covariates, its points scale drawn, held-out or external estimate.";
    public override IReadOnlyList<string> Consumes => ["clinical"];
    public override IReadOnlyList<string> OptionalConsumes => Slots;

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("coefficients", "the model on all training patients: term, estimate, se, z, p, odds_ratio, or_lower, or_upper (95% Wald, as lrm)"),
        new("statistics", "stat, value: n, events, model LR χ², df, p, Nagelkerke R², C (lrm's binned), Dxy, Brier, deviances, iterations"),
        new("points", "the nomogram's points scale as rms::nomogram: predictor, label, value, points (0–100 for the widest-ranging predictor)"),
        new("axes", "total points, linear predictor and probability axes: axis, label, value, points"),
        new("predictions", "held-out (or validation-cohort) fusion scores: patient_id, fold, label, score, threshold, cohort, …"),
        new("metrics", "metric, value, note: AUC with DeLong CI of the held-out scores, validation_* under validation: external"),
        new("model", "the trained fusion model for classify.apply: terms by signature and clinical column, label rule, training Youden cut-off"),
        new("permutation", "label-permutation negative control: model, permutation, auc (0 = real labels); empty without permutations"),
        .. FigureOutputs.Specs("nomogram", "the nomogram, drawn as rms's plot.nomogram"),
    ];

    public override Task RunAsync(StageContext context, ClassifyNomogramOptions options, CancellationToken cancellationToken)
    {
        const string table = "clinical table";
        var signatures = Slots.Where(context.HasInput).Select(s => SignatureScores.Read(context.Input(s))).ToList();
        if (signatures.Count == 0 && options.Covariates.Count == 0)
            throw new DataProblemException(context.StageId, "inputs", "has neither signatures nor covariates", "bind classify stages' predictions (predictions: <stage>.predictions, …) and/or set covariates");
        var duplicate = signatures.GroupBy(s => s.Model).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new DataProblemException(context.StageId, "inputs", $"signature '{duplicate.Key}' is bound twice", "bind each classify stage once");

        var clinical = ParquetFile.Read(context.Input("clinical"));
        var candidates = signatures.Count > 0
            ? signatures[0].ByPatient.Keys.Where(p => signatures.All(s => s.ByPatient.ContainsKey(p))).ToList()
            : clinical.GetStrings("patient_id").Where(p => p is not null).Select(p => p!).Distinct().ToList();
        bool drop = options.Incomplete == IncompletePatients.Drop;
        if (signatures.Count > 1 && signatures.Any(s => s.ByPatient.Count != candidates.Count))
        {
            if (!drop) throw new DataProblemException(context.StageId, "inputs", "the signatures score different patients", "bind signatures of the same patients, or set incomplete: drop");
            context.Log($"kept the {candidates.Count} patients every signature scores");
        }
        // Patients need every covariate too.
        var covariates = options.Covariates.Select(c => ClinicalCovariates.Read(clinical, table, c, candidates)).ToList();
        var complete = Enumerable.Range(0, candidates.Count).Where(i => covariates.All(c => c.Columns.All(col => !double.IsNaN(col[i])))).ToArray();
        if (complete.Length < candidates.Count)
        {
            if (!drop)
                throw new DataProblemException(table, $"covariates {string.Join(", ", options.Covariates)}", $"are missing for {candidates.Count - complete.Length} patient(s) (e.g. {candidates[Enumerable.Range(0, candidates.Count).Except(complete).First()]})",
                    "fill them in, or set incomplete: drop");
            context.Log($"left out {candidates.Count - complete.Length} patient(s) with a missing covariate (incomplete: drop)");
        }
        var rule = options.ToRule();
        var labels = ClassLabels.Read(context.Input("clinical"), table, rule, complete.Select(i => candidates[i]).ToList(), drop);
        ClassifyCohort.ReportLeftOut(context, labels);
        var patients = labels.Patients;
        var allLabels = labels.Labels(null);
        covariates = options.Covariates.Select(c => ClinicalCovariates.Read(clinical, table, c, patients)).ToList();

        // The design: one column per signature, then the covariates' terms.
        var columns = new List<double[]>();
        var terms = new List<string>();
        foreach (var s in signatures) { columns.Add(patients.Select(p => s.ByPatient[p].Score).ToArray()); terms.Add(s.Model); }
        foreach (var c in covariates) { columns.AddRange(c.Columns); terms.AddRange(c.Terms); }

        // Cohorts: the signatures' own (training / validation), else a cohort column or a seeded split.
        bool external = options.Validation == ClassifyValidation.External;
        bool[] training;
        var signatureCohorts = signatures.Count > 0 ? patients.Select(p => signatures[0].ByPatient[p].Cohort).ToArray() : null;
        // Signatures trained on different cohorts would let a validation patient's score come from a model that trained on it.
        foreach (var s in signatures.Skip(1))
            for (int p = 0; p < patients.Count; p++)
                if ((s.ByPatient[patients[p]].Cohort == ClassifyCohorts.Validation) != (signatureCohorts![p] == ClassifyCohorts.Validation))
                    throw new DataProblemException(context.StageId, $"patient '{patients[p]}'", $"is in the validation cohort of '{(signatureCohorts[p] == ClassifyCohorts.Validation ? signatures[0].Model : s.Model)}' but not of '{(signatureCohorts[p] == ClassifyCohorts.Validation ? s.Model : signatures[0].Model)}'",
                        "give the signature stages the same cohorts (the same cohort_column, or the same seed, training_fraction and patients)");
        if (external && signatureCohorts is not null && signatureCohorts.Contains(ClassifyCohorts.Validation) && options.CohortColumn.Length == 0)
        {
            training = signatureCohorts.Select(c => c != ClassifyCohorts.Validation).ToArray();
            context.Log($"external validation: the signatures' cohorts ({training.Count(b => b)} training, {training.Count(b => !b)} validation patients)");
        }
        else if (external)
        {
            training = ClassifyCohorts.Split(context.Input("clinical"), table, options.CohortColumn, options.TrainingCohort, options.TrainingFraction, patients, allLabels, options.Seed, out var text);
            context.Log($"external validation: {text}");
        }
        else
        {
            // Cross-validation uses the patients the signatures held out (a signature's validation cohort has no held-out score).
            training = signatureCohorts?.Select(c => c != ClassifyCohorts.Validation).ToArray() ?? Enumerable.Repeat(true, patients.Count).ToArray();
        }
        var trainIdx = Enumerable.Range(0, patients.Count).Where(p => training[p]).ToArray();
        var validIdx = external ? Enumerable.Range(0, patients.Count).Where(p => !training[p]).ToArray() : [];
        var trainLabels = labels.Labels(trainIdx, out double labelCutoff);
        int cases = trainIdx.Count(p => trainLabels[p] == 1);
        if (!rule.IsFoldDependent && (cases < options.Folds || trainIdx.Length - cases < options.Folds))
            throw new DataProblemException(table, $"column '{rule.Column}'", $"has {cases} positive and {trainIdx.Length - cases} negative training patients; each fold needs both classes", "use fewer folds, or more patients");

        // Outer folds: the first signature's (so each held-out fusion score comes from signatures and a fusion that did not see the patient), else drawn.
        int[] folds;
        var signatureFolds = signatures.Count > 0 ? trainIdx.Select(p => signatures[0].ByPatient[patients[p]].Fold).ToArray() : null;
        if (signatureFolds is not null && signatureFolds.All(f => f >= 1) && signatureFolds.Distinct().Count() >= 3)
        {
            folds = signatureFolds;
            context.Log($"held-out fusion by the outer folds of '{signatures[0].Model}' ({folds.Distinct().Count()} folds)");
        }
        else folds = StratifiedFolds.Assign(trainIdx.Select(p => allLabels[p]).ToArray(), options.Folds, new Random(options.Seed));

        context.Report(0.05, $"{rule.Describe()}: {trainIdx.Length} training patients, terms {string.Join(", ", terms)}");
        var heldOut = HeldOut(columns, trainIdx, folds, labels, terms, null);
        var final = Fit(columns, trainIdx, trainLabels, terms);
        var finalScores = Enumerable.Range(0, patients.Count).Select(p => LogisticRegressionFit.Probability(final.LinearPredictor(columns.Select(c => c[p]).ToArray()))).ToArray();
        var youden = Roc.Youden(trainIdx.Select(p => finalScores[p]).ToArray(), trainIdx.Select(p => trainLabels[p]).ToArray());

        WriteCoefficients(context.Output("coefficients"), final);
        WriteStatistics(context.Output("statistics"), final, cases);
        var scale = Scale(final, signatures, covariates, columns, trainIdx);
        WriteScale(context, scale);

        // Predictions: held-out scores of the training patients, the final model's scores of the validation patients.
        var rows = heldOut.Select(h => (Patient: patients[trainIdx[h.Index]], h.Fold, h.Label, h.Score, h.Threshold, Cohort: external ? ClassifyCohorts.Training : ClassifyCohorts.CrossValidation)).ToList();
        rows.AddRange(validIdx.Select(p => (patients[p], 0, trainLabels[p], finalScores[p], youden.Threshold, ClassifyCohorts.Validation)));
        ParquetFile.Write(new Table()
            .Add("model", rows.Select(_ => (string?)context.StageId).ToArray())
            .Add("label_name", rows.Select(_ => (string?)rule.Describe()).ToArray())
            .Add("patient_id", rows.Select(r => (string?)r.Patient).ToArray())
            .Add("fold", rows.Select(r => r.Fold).ToArray())
            .Add("label", rows.Select(r => (int)r.Label).ToArray())
            .Add("score", rows.Select(r => r.Score).ToArray())
            .Add("threshold", rows.Select(r => (double?)r.Threshold).ToArray())
            .Add("predicted", rows.Select(r => r.Score > r.Threshold ? 1 : 0).ToArray())
            .Add("cohort", rows.Select(r => (string?)r.Cohort).ToArray())
            .Add("level", rows.Select(_ => (string?)"patient").ToArray())
            .Add("leaky", rows.Select(_ => false).ToArray()), context.Output("predictions"));

        var auc = Roc.DeLong(heldOut.Select(h => h.Score).ToArray(), heldOut.Select(h => h.Label).ToArray());
        DeLongAuc? validationAuc = validIdx.Length > 0 ? Roc.DeLong(validIdx.Select(p => finalScores[p]).ToArray(), validIdx.Select(p => trainLabels[p]).ToArray()) : null;
        var metrics = new List<(string, double, string?)>
        {
            ("auc", auc.Auc, external ? "held-out fusion scores of the training cohort" : "held-out fusion scores"),
            ("auc_ci_lower", auc.CiLower, "95% DeLong"), ("auc_ci_upper", auc.CiUpper, "95% DeLong"),
            ("n_cases", auc.Cases, null), ("n_controls", auc.Controls, null),
            ("youden_cutoff", youden.Threshold, "chosen on the training patients' fitted scores"),
            ClassifyCohort.ExcludedMetric(labels),
        };
        if (validationAuc is { } v)
            metrics.AddRange([("validation_auc", v.Auc, "validation cohort, model fitted on all training patients"), ("validation_auc_ci_lower", v.CiLower, "95% DeLong"),
                ("validation_auc_ci_upper", v.CiUpper, "95% DeLong"), ("validation_n_cases", v.Cases, null), ("validation_n_controls", v.Controls, null)]);
        ParquetFile.Write(new Table().Add("metric", metrics.Select(m => (string?)m.Item1).ToArray())
            .Add("value", metrics.Select(m => double.IsFinite(m.Item2) ? m.Item2 : (double?)null).ToArray())
            .Add("note", metrics.Select(m => m.Item3).ToArray()), context.Output("metrics"));

        // The model artefact: signature and clinical terms (a text covariate's reference level as a 0 term, so a new cohort's unknown levels are caught).
        var modelTerms = new List<ModelTerm> { new("(Intercept)", ModelTerm.Intercept, null, null, final.Coefficients[0]) };
        int t = 1;
        foreach (var s in signatures) modelTerms.Add(new ModelTerm(s.Model, ModelTerm.Signature, s.Model, null, final.Coefficients[t++]));
        foreach (var c in covariates)
        {
            if (c.Levels is null) { modelTerms.Add(new ModelTerm(c.Name, ModelTerm.Clinical, c.Name, null, final.Coefficients[t++])); continue; }
            modelTerms.Add(new ModelTerm($"{c.Name}={c.Levels[0]}", ModelTerm.Clinical, c.Name, c.Levels[0], 0));
            foreach (var level in c.Levels.Skip(1)) modelTerms.Add(new ModelTerm($"{c.Name}={level}", ModelTerm.Clinical, c.Name, level, final.Coefficients[t++]));
        }
        new ClassifierModel(ClassifierModel.LogisticKind, context.StageId, rule, labelCutoff, youden.Threshold, "patient", modelTerms, []).Write(context.Output("model"));

        var nullAucs = new List<double>();
        if (options.Permutations > 0)
        {
            var shuffler = new Random(options.Seed + 1);
            for (int i = 1; i <= options.Permutations; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var order = Enumerable.Range(0, trainIdx.Length).ToArray();
                shuffler.Shuffle(order);
                var h = HeldOut(columns, trainIdx, folds, labels, terms, order);
                nullAucs.Add(Roc.Auc(h.Select(x => x.Score).ToArray(), h.Select(x => x.Label).ToArray()));
            }
        }
        PermutationTable.Write(context.Output("permutation"), context.StageId, auc.Auc, nullAucs);

        context.Record("auc", auc.Auc);
        context.Record("label", rule.Describe());
        if (validationAuc is { } va) context.Record("validation_auc", va.Auc);
        if (nullAucs.Count > 0) context.Record("permutation_p", PermutationTable.P(auc.Auc, nullAucs));
        string headline = string.Format(CultureInfo.InvariantCulture, "{0} held-out AUC {1:0.000} (95% CI {2:0.000}–{3:0.000}){4}; model C {5:0.000}, Nagelkerke R² {6:0.000}",
            rule.Describe(), auc.Auc, auc.CiLower, auc.CiUpper,
            validationAuc is { } w ? string.Format(CultureInfo.InvariantCulture, "; validation AUC {0:0.000} (95% CI {1:0.000}–{2:0.000})", w.Auc, w.CiLower, w.CiUpper) : "",
            final.C, final.NagelkerkeR2);
        context.Headline(headline);
        context.Report(1.0, headline);
        return Task.CompletedTask;
    }

    private sealed record HeldOutScore(int Index, int Fold, double Label, double Score, double Threshold);

    /// <summary>The fusion refitted in each outer fold: held-out scores of the training patients (labels shuffled by <paramref name="permutation"/> when given).</summary>
    private static List<HeldOutScore> HeldOut(List<double[]> columns, int[] trainIdx, int[] folds, ClassLabels labels, List<string> terms, int[]? permutation)
    {
        var result = new List<HeldOutScore>();
        foreach (int fold in folds.Distinct().Order())
        {
            var fitOn = Enumerable.Range(0, trainIdx.Length).Where(i => folds[i] != fold).ToArray();
            var byPatient = labels.Labels(fitOn.Select(i => trainIdx[i]).ToArray());
            double LabelOf(int i) => byPatient[trainIdx[permutation is null ? i : permutation[i]]];
            var y = fitOn.Select(LabelOf).ToArray();
            if (y.All(v => v == y[0]))
                throw new DataProblemException("clinical table", "label", $"the training patients of fold {fold} all have label {y[0]}", "use fewer folds, or more patients");
            var fit = LogisticRegression.Fit(columns.Select(c => fitOn.Select(i => c[trainIdx[i]]).ToArray()).ToList(), y, terms);
            var fitted = fitOn.Select(i => LogisticRegressionFit.Probability(fit.LinearPredictor(columns.Select(c => c[trainIdx[i]]).ToArray()))).ToArray();
            var cutoff = Roc.Youden(fitted, y).Threshold;
            foreach (int i in Enumerable.Range(0, trainIdx.Length).Where(i => folds[i] == fold))
                result.Add(new HeldOutScore(i, fold, LabelOf(i), LogisticRegressionFit.Probability(fit.LinearPredictor(columns.Select(c => c[trainIdx[i]]).ToArray())), cutoff));
        }
        return result.OrderBy(r => r.Index).ToList();
    }

    private static LogisticRegressionFit Fit(List<double[]> columns, int[] idx, double[] labels, List<string> terms)
    {
        try { return LogisticRegression.Fit(columns.Select(c => idx.Select(i => c[i]).ToArray()).ToList(), idx.Select(i => labels[i]).ToArray(), terms); }
        catch (ArgumentException e)
        {
            throw new DataProblemException("clinical table", $"terms {string.Join(", ", terms)}", e.Message, "drop a constant or duplicated covariate, or merge sparse levels");
        }
    }

    private static NomogramScale Scale(LogisticRegressionFit fit, List<SignatureScores> signatures, List<ClinicalCovariates.Covariate> covariates, List<double[]> columns, int[] trainIdx)
    {
        var predictors = new List<NomogramPredictor>();
        int t = 1, column = 0;
        foreach (var s in signatures)
        {
            predictors.Add(NomogramPredictor.Continuous(s.Model, fit.Coefficients[t++], trainIdx.Select(i => columns[column][i]).ToArray()));
            column++;
        }
        foreach (var c in covariates)
        {
            if (c.Levels is null) predictors.Add(NomogramPredictor.Continuous(c.Name, fit.Coefficients[t++], trainIdx.Select(i => columns[column][i]).ToArray()));
            else
            {
                var betas = new List<double> { 0 };
                for (int k = 1; k < c.Levels.Length; k++) betas.Add(fit.Coefficients[t++]);
                predictors.Add(NomogramPredictor.Categorical(c.Name, c.Levels, betas));
            }
            column += c.Columns.Length;
        }
        return Nomogram.Build(fit.Coefficients[0], predictors, fit.LinearPredictors.ToArray());
    }

    private static void WriteCoefficients(string path, LogisticRegressionFit fit)
    {
        var n = fit.Terms.Count;
        var or = Enumerable.Range(0, n).Select(i => fit.OddsRatio(i)).ToArray();
        ParquetFile.Write(new Table()
            .Add("term", fit.Terms.Select(x => (string?)x).ToArray())
            .Add("estimate", fit.Coefficients.ToArray())
            .Add("se", Enumerable.Range(0, n).Select(fit.StandardError).ToArray())
            .Add("z", Enumerable.Range(0, n).Select(fit.Z).ToArray())
            .Add("p", Enumerable.Range(0, n).Select(fit.P).ToArray())
            .Add("odds_ratio", or.Select(o => o.OddsRatio).ToArray())
            .Add("or_lower", or.Select(o => o.Lower).ToArray())
            .Add("or_upper", or.Select(o => o.Upper).ToArray()), path);
    }

    private static void WriteStatistics(string path, LogisticRegressionFit fit, int events)
    {
        var stats = new (string, double)[]
        {
            ("n", fit.Observations), ("events", events), ("model_lr_chi2", fit.LikelihoodRatio), ("df", fit.ModelDegreesOfFreedom), ("p", fit.LikelihoodRatioP),
            ("nagelkerke_r2", fit.NagelkerkeR2), ("c", fit.C), ("c_exact", fit.ExactC), ("dxy", fit.Dxy), ("brier", fit.Brier),
            ("null_deviance", fit.NullDeviance), ("deviance", fit.Deviance), ("iterations", fit.Iterations), ("converged", fit.Converged ? 1 : 0),
        };
        ParquetFile.Write(new Table().Add("stat", stats.Select(s => (string?)s.Item1).ToArray()).Add("value", stats.Select(s => s.Item2).ToArray()), path);
    }

    private static void WriteScale(StageContext context, NomogramScale scale)
    {
        var predictor = new List<string?>(); var label = new List<string?>(); var value = new List<double?>(); var points = new List<double>();
        foreach (var a in scale.Predictors)
            for (int i = 0; i < a.Points.Count; i++) { predictor.Add(a.Name); label.Add(a.Labels[i]); value.Add(double.IsNaN(a.Values[i]) ? null : a.Values[i]); points.Add(a.Points[i]); }
        ParquetFile.Write(new Table().Add("predictor", predictor.ToArray()).Add("label", label.ToArray()).Add("value", value.ToArray()).Add("points", points.ToArray()), context.Output("points"));
        var axis = new List<string?>(); label.Clear(); value.Clear(); points.Clear();
        foreach (var a in new[] { scale.TotalPoints, scale.LinearPredictor, scale.Probability })
            for (int i = 0; i < a.Points.Count; i++) { axis.Add(a.Name); label.Add(a.Labels[i]); value.Add(a.Values[i]); points.Add(a.Points[i]); }
        axis.Add("points_per_unit"); label.Add(null); value.Add(scale.PointsPerUnit); points.Add(double.NaN);
        axis.Add("intercept"); label.Add(null); value.Add(scale.Intercept); points.Add(0);
        ParquetFile.Write(new Table().Add("axis", axis.ToArray()).Add("label", label.ToArray()).Add("value", value.ToArray())
            .Add("points", points.Select(p => double.IsFinite(p) ? p : (double?)null).ToArray()), context.Output("axes"));

        var plot = new NomogramPlot { Title = $"Nomogram ({context.StageId})" };
        foreach (var a in scale.Predictors) plot.AddAxis(a.Name, a.Points, a.Labels);
        plot.AddTotalAxis("Total points", scale.TotalPoints.Points, scale.TotalPoints.Labels);
        plot.AddTotalAxis("Linear predictor", scale.LinearPredictor.Points, scale.LinearPredictor.Labels);
        plot.AddTotalAxis("Probability", scale.Probability.Points, scale.Probability.Labels);
        foreach (var path in FigureOutputs.Paths(context, "nomogram")) plot.Save(path);
    }
}
