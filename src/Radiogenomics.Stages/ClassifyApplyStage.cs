using System.Globalization;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>classify.apply</c>: scores another cohort with a trained <c>model</c> (classify.lasso, classify.nomogram,
/// classify.forest, classify.boosting) without retraining. Feature terms, forests and boosted trees read <c>features</c>
/// by column name, in the layout the model was trained on (image rows scored one by one and averaged per patient as in
/// training; a forest's stored PCA or ReliefF selection applied first);
/// signature terms read the other cohort's predictions of the signature models (<c>predictions</c> …
/// <c>predictions_4</c>, matched by model name — typically classify.apply stages of those models); clinical terms read
/// <c>clinical</c>. Labels use the model's rule with the training cohort's quantile cut-off; the cut-off for the
/// predicted class is the training Youden cut-off. A feature, signature or covariate the model needs but the cohort
/// lacks is an error naming it.
/// </summary>
public sealed class ClassifyApplyStage : TableStageKind<ClassifyApplyOptions>
{
    private static readonly string[] Slots = ["predictions", "predictions_2", "predictions_3", "predictions_4"];

    public override string Name => "classify.apply";
    public override int Version => 3;
    public override string Summary => "Scores a new cohort with a trained classify model (no retraining); predictions in the classify contract.";
    public override IReadOnlyList<string> Consumes => ["model"];
    public override IReadOnlyList<string> OptionalConsumes => ["features", "clinical", .. Slots];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("predictions", "the model's scores of the cohort: model, patient_id, fold 0, label, score, threshold (training Youden), predicted, cohort"),
        new("metrics", "metric, value, note: AUC with DeLong CI and accuracy etc. at the training cut-off, when the cohort has labels"),
    ];

    public override Task RunAsync(StageContext context, ClassifyApplyOptions options, CancellationToken cancellationToken)
    {
        var model = ClassifierModel.Read(context.Input("model"));
        var (patients, scores) = Score(context, model);
        var rule = model.FrozenRule;
        double[]? labels = null;
        var kept = Enumerable.Range(0, patients.Count).ToArray();
        if (context.HasInput("clinical") && ParquetFile.Read(context.Input("clinical")).Contains(rule.Column))
        {
            var cl = ClassLabels.Read(context.Input("clinical"), "clinical table", rule, patients, options.Incomplete == IncompletePatients.Drop, "the model's label");
            var index = PatientOrder.IndexOf(cl.Patients);
            var all = cl.Labels(null);
            kept = Enumerable.Range(0, patients.Count).Where(p => index.ContainsKey(patients[p])).ToArray();
            labels = kept.Select(p => all[index[patients[p]]]).ToArray();
            if (cl.Dropped.Count > 0) context.Log($"left out {cl.Dropped.Count} patient(s) without a label (incomplete: drop)");
        }
        else context.Log($"no clinical column '{rule.Column}' bound: predictions without labels");

        var s = kept.Select(p => scores[p]).ToArray();
        ParquetFile.Write(new Table()
            .Add("model", kept.Select(_ => (string?)model.TrainedBy).ToArray())
            .Add("label_name", kept.Select(_ => (string?)model.Rule.Describe()).ToArray())
            .Add("patient_id", kept.Select(p => (string?)patients[p]).ToArray())
            .Add("fold", kept.Select(_ => 0).ToArray())
            .Add("label", labels?.Select(l => (int?)l).ToArray() ?? new int?[kept.Length])
            .Add("score", s)
            .Add("threshold", kept.Select(_ => double.IsFinite(model.YoudenCutoff) ? model.YoudenCutoff : (double?)null).ToArray())
            .Add("predicted", s.Select(x => x > model.YoudenCutoff ? 1 : 0).ToArray())
            .Add("cohort", kept.Select(_ => (string?)options.Cohort).ToArray())
            .Add("level", kept.Select(_ => (string?)(model.Aggregation == "patient" ? "patient" : "patient: mean of the patient's image probabilities")).ToArray())
            .Add("leaky", kept.Select(_ => false).ToArray()), context.Output("predictions"));

        var metrics = new List<(string, double, string?)> { ("patients", kept.Length, null) };
        if (labels is not null && labels.Distinct().Count() == 2)
        {
            var auc = Roc.DeLong(s, labels);
            var counts = ConfusionCounts.Of(s.Select(x => x > model.YoudenCutoff).ToArray(), labels);
            metrics.AddRange([("auc", auc.Auc, $"{options.Cohort} cohort, model '{model.TrainedBy}' not retrained"), ("auc_ci_lower", auc.CiLower, "95% DeLong"), ("auc_ci_upper", auc.CiUpper, "95% DeLong"),
                ("n_cases", auc.Cases, null), ("n_controls", auc.Controls, null), ("accuracy", counts.Accuracy, "at the training cohort's Youden cut-off"),
                ("sensitivity", counts.Sensitivity, null), ("specificity", counts.Specificity, null)]);
            context.Headline(string.Format(CultureInfo.InvariantCulture, "{0} applied to {1} patients of the {2} cohort: AUC {3:0.000} (95% CI {4:0.000}–{5:0.000})",
                model.TrainedBy, kept.Length, options.Cohort, auc.Auc, auc.CiLower, auc.CiUpper));
            context.Record("auc", auc.Auc);
        }
        ParquetFile.Write(new Table().Add("metric", metrics.Select(m => (string?)m.Item1).ToArray())
            .Add("value", metrics.Select(m => double.IsFinite(m.Item2) ? m.Item2 : (double?)null).ToArray())
            .Add("note", metrics.Select(m => m.Item3).ToArray()), context.Output("metrics"));
        context.Record("patients", kept.Length);
        return Task.CompletedTask;
    }

    /// <summary>Every patient's score under the model.</summary>
    private static (IReadOnlyList<string> Patients, double[] Scores) Score(StageContext context, ClassifierModel model) => model.Kind switch
    {
        ClassifierModel.LogisticKind => ScoreLogistic(context, model),
        RandomForestModel.Kind => ScoreRows(context, model, RandomForestModel.Read(model, context.Input("model")).Score),
        GradientBoostingModel.Kind => ScoreRows(context, model, GradientBoostingModel.Read(model, context.Input("model")).Score),
        _ => throw new DataProblemException(context.Input("model"), "meta 'kind'", $"is '{model.Kind}', which classify.apply cannot score",
            "apply a model of classify.lasso, classify.nomogram, classify.forest or classify.boosting"),
    };

    /// <summary>
    /// A tree model's score per feature row (a forest's share of trees voting positive, boosted trees' probability),
    /// averaged over a patient's rows as in training.
    /// </summary>
    private static (IReadOnlyList<string>, double[]) ScoreRows(StageContext context, ClassifierModel model, Func<FeatureMatrix, string, double[]> score)
    {
        var features = ReadFeatures(context, model);
        var rowScores = score(features, "features table");
        var patients = PatientOrder.Of(features.PatientIds);
        var index = PatientOrder.IndexOf(patients);
        var sum = new double[patients.Count];
        var count = new int[patients.Count];
        for (int i = 0; i < features.ImageCount; i++) { int p = index[features.PatientIds[i]!]; sum[p] += rowScores[i]; count[p]++; }
        return (patients, sum.Select((x, p) => x / count[p]).ToArray());
    }

    /// <summary>
    /// The new cohort's feature table, in the layout the model was trained on: patient rows for a patient-level model, image
    /// rows (averaged per patient after scoring) for an image-level one.
    /// </summary>
    private static FeatureMatrix ReadFeatures(StageContext context, ClassifierModel model)
    {
        if (!context.HasInput("features"))
            throw new DataProblemException(context.StageId, "inputs", $"model '{model.TrainedBy}' scores image features, but no features are bound", "bind the new cohort's features (features: <stage>.features)");
        var features = FeatureMatrix.Read(context.Input("features"));
        bool trainedOnPatients = model.Aggregation == "patient";
        bool patientRows = features.Level == FeatureLevel.Patient || features.PatientIds.Distinct().Count() == features.ImageCount;
        if (features.ImageCount > 0 && (trainedOnPatients ? !patientRows : features.Level == FeatureLevel.Patient))
            throw new DataProblemException("features table", "layout", trainedOnPatients
                    ? $"has image rows (several per patient), but model '{model.TrainedBy}' was trained on one row per patient"
                    : $"has one row per patient, but model '{model.TrainedBy}' was trained on image rows and averages their scores",
                "bind features made by the same stages as the training cohort's (the same normalize.features aggregate setting)");
        return features;
    }

    private static (IReadOnlyList<string>, double[]) ScoreLogistic(StageContext context, ClassifierModel model)
    {
        string modelPath = context.Input("model");
        var intercept = model.Terms.Where(t => t.Input == ModelTerm.Intercept).Sum(t => t.Estimate);
        var featureTerms = model.Terms.Where(t => t.Input == ModelTerm.Feature).ToList();
        var others = model.Terms.Where(t => t.Input is ModelTerm.Signature or ModelTerm.Clinical).ToList();
        if (featureTerms.Count > 0 && others.Count > 0)
            throw new DataProblemException(modelPath, "terms", "mixes feature terms with signature or clinical terms", "apply a classify.lasso or a classify.nomogram model");

        if (featureTerms.Count > 0 || (others.Count == 0 && model.Features.Count > 0))
        {
            var features = ReadFeatures(context, model);
            var columnOf = features.FeatureNames.Select((n, j) => (n, j)).ToDictionary(x => x.n, x => x.j, StringComparer.Ordinal);
            var missing = featureTerms.Where(t => !columnOf.ContainsKey(t.Variable!)).Select(t => t.Variable!).ToList();
            if (missing.Count > 0)
                throw new DataProblemException(context.Input("features"), $"feature '{missing[0]}'", $"is missing ({missing.Count} of the model's {featureTerms.Count} features are: {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", …" : "")})",
                    "extract the new cohort's features with the same stages and settings as the training cohort's");
            var patients = PatientOrder.Of(features.PatientIds);
            var index = PatientOrder.IndexOf(patients);
            var sum = new double[patients.Count];
            var count = new int[patients.Count];
            for (int i = 0; i < features.ImageCount; i++)
            {
                double eta = intercept;
                foreach (var t in featureTerms) eta += t.Estimate * features.Columns[columnOf[t.Variable!]][i];
                if (!double.IsFinite(eta))
                    throw new DataProblemException(context.Input("features"), $"image '{features.ImageIds[i]}' of patient '{features.PatientIds[i]}'", "has a missing or infinite value in a model feature", "impute or drop the image");
                int p = index[features.PatientIds[i]!];
                sum[p] += LogisticRegressionFit.Probability(eta);
                count[p]++;
            }
            return (patients, sum.Select((x, p) => x / count[p]).ToArray());
        }

        // A fusion model: signatures by model name, clinical covariates by column.
        var signatures = Slots.Where(context.HasInput).Select(s => SignatureScores.Read(context.Input(s))).ToDictionary(s => s.Model, StringComparer.Ordinal);
        var needed = others.Where(t => t.Input == ModelTerm.Signature).Select(t => t.Variable!).Distinct().ToList();
        var absent = needed.FirstOrDefault(n => !signatures.ContainsKey(n));
        if (absent is not null)
            throw new DataProblemException(context.StageId, $"signature '{absent}'", "is a term of the model, but no bound predictions carry it",
                $"bind the new cohort's predictions of '{absent}' (e.g. a classify.apply stage of its model) as predictions, predictions_2, …");
        var clinicalTerms = others.Where(t => t.Input == ModelTerm.Clinical).ToList();
        Table? clinical = clinicalTerms.Count > 0
            ? context.HasInput("clinical") ? ParquetFile.Read(context.Input("clinical"))
                : throw new DataProblemException(context.StageId, "inputs", "the model has clinical terms, but no clinical table is bound", "bind the new cohort's clinical table")
            : null;
        var candidates = needed.Count > 0 ? signatures[needed[0]].ByPatient.Keys.Where(p => needed.All(n => signatures[n].ByPatient.ContainsKey(p))).ToList()
            : clinical!.GetStrings("patient_id").Where(p => p is not null).Select(p => p!).Distinct().ToList();
        var eta2 = candidates.Select(_ => intercept).ToArray();
        foreach (var t in others.Where(t => t.Input == ModelTerm.Signature))
            for (int p = 0; p < candidates.Count; p++) eta2[p] += t.Estimate * signatures[t.Variable!].ByPatient[candidates[p]].Score;
        foreach (var group in clinicalTerms.GroupBy(t => t.Variable!))
        {
            var levels = group.Where(t => t.Level is not null).Select(t => t.Level!).ToArray();
            var covariate = ClinicalCovariates.Read(clinical!, "clinical table", group.Key, candidates, levels.Length > 0 ? levels : null);
            var termsOf = group.Where(t => t.Level is null || t.Level != levels.FirstOrDefault()).ToList();
            for (int k = 0; k < covariate.Columns.Length; k++)
                for (int p = 0; p < candidates.Count; p++)
                {
                    double x = covariate.Columns[k][p];
                    if (double.IsNaN(x))
                        throw new DataProblemException("clinical table", $"covariate '{group.Key}', patient '{candidates[p]}'", "is missing", "fill it in, or remove the patient from the cohort");
                    eta2[p] += termsOf[k].Estimate * x;
                }
        }
        return (candidates, eta2.Select(LogisticRegressionFit.Probability).ToArray());
    }
}
