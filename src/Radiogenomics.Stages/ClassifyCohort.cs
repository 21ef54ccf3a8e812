using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// What every classify stage prepares alike: the label rule, the labelled patients with features (dropping or refusing
/// incomplete ones), the rows and columns of those patients, the split (patients, or the seed code's leaky image split,
/// warned about), the outer folds (stratified by the label, or from a fold column) and the labels a fold's training
/// units define (a quantile rule sees only them).
/// </summary>
internal sealed class ClassifyCohort
{
    public const string Table = "clinical table";

    public required LabelRule Rule { get; init; }
    public required IReadOnlyList<string> Patients { get; init; }
    public required FeatureMatrix Features { get; init; }
    /// <summary>Rows of the feature table kept (patients with a label).</summary>
    public required int[] Rows { get; init; }
    /// <summary>Feature columns over the kept rows.</summary>
    public required double[][] Columns { get; init; }
    public required int[] PatientOfRow { get; init; }
    public required bool ImageLevel { get; init; }
    public required bool Leaky { get; init; }
    /// <summary>Units the folds hold out: patients, or single rows under the leaky split.</summary>
    public required int Units { get; init; }
    public required int[] UnitOfRow { get; init; }
    /// <summary>Outer fold 1..K per unit.</summary>
    public required int[] OuterFolds { get; init; }
    public required ClassLabels Labels { get; init; }
    public required double[] AllLabels { get; init; }

    public int FoldCount => OuterFolds.Max();

    /// <summary>How a unit's score is made, for the predictions' level column.</summary>
    public string Level => Leaky ? "image (leaky: a patient's images on both sides of the split)"
        : ImageLevel ? "patient: mean of the patient's image probabilities" : "patient";

    /// <summary>
    /// Logs and records the patients the labels left out: dropped as incomplete, and excluded by their level — the latter
    /// also as a headline, since the estimate then covers fewer patients than the cohort has (as R's droplevels after subsetting).
    /// </summary>
    public static void ReportLeftOut(StageContext context, ClassLabels labels)
    {
        if (labels.Dropped.Count > 0) context.Log($"left out {labels.Dropped.Count} patient(s) without a label or without features (incomplete: drop)");
        context.Record("dropped_patients", labels.Dropped.Count);
        context.Record("excluded_patients", labels.ExcludedCount);
        if (labels.ExcludedCount == 0) return;
        context.Log($"{labels.DescribeExcluded()}: their {labels.Rule.Column} level is in exclude, so they leave this label's analysis");
        context.Headline($"{labels.Rule.Column}: {labels.DescribeExcluded()} by exclude, left out of the analysis");
    }

    /// <summary>The metrics row of the patients an excluded level left out (0 when none were).</summary>
    public static (string, double, string?) ExcludedMetric(ClassLabels labels) =>
        ("excluded_patients", labels.ExcludedCount, labels.ExcludedCount == 0 ? "no level excluded" : $"{labels.DescribeExcluded()}: left out by exclude");

    /// <summary>
    /// Reads features and labels and assigns the outer folds. <paramref name="check"/> runs after the label counts are
    /// checked and before the split (a stage's own requirements); <paramref name="random"/> draws the folds.
    /// </summary>
    public static ClassifyCohort Prepare(StageContext context, LabelRule rule, IncompletePatients incomplete, int folds, string foldColumn,
        ClassifySplit split, Random random, Action<int>? check = null)
    {
        var features = FeatureMatrix.Read(context.Input("features"));
        var labels = ClassLabels.Read(context.Input("clinical"), Table, rule, PatientOrder.Of(features.PatientIds),
            incomplete switch { IncompletePatients.Drop => true, IncompletePatients.Fail => false });
        ReportLeftOut(context, labels);

        var patients = labels.Patients;
        var patientIndex = PatientOrder.IndexOf(patients);
        var rows = Enumerable.Range(0, features.ImageCount).Where(i => patientIndex.ContainsKey(features.PatientIds[i]!)).ToArray();
        var columns = features.Columns.Select(c => rows.Select(i => c[i]).ToArray()).ToArray();
        var patientOfRow = rows.Select(i => patientIndex[features.PatientIds[i]!]).ToArray();
        var allLabels = labels.Labels(null);
        CheckCounts(rule, allLabels, folds);
        check?.Invoke(patients.Count);

        bool leaky = split switch { ClassifySplit.Image => true, ClassifySplit.Patient => false };
        if (leaky)
        {
            if (foldColumn.Length > 0)
                throw new DataProblemException(Table, $"column '{foldColumn}'", "a fold column assigns patients, but split: image assigns images", "leave fold_column out with split: image");
            context.Warn($"split: image puts images of the same patient in training and test folds (the seed code's method); its AUC is leaky, not an estimate");
        }
        var unitLabels = leaky ? patientOfRow.Select(p => allLabels[p]).ToArray() : allLabels;
        var outer = foldColumn.Length > 0 ? ReadFolds(context.Input("clinical"), foldColumn, patients)
            : StratifiedFolds.Assign(unitLabels, folds, random);
        return new ClassifyCohort
        {
            Rule = rule, Patients = patients, Features = features, Rows = rows, Columns = columns, PatientOfRow = patientOfRow,
            ImageLevel = features.Level == FeatureLevel.Image, Leaky = leaky, Units = leaky ? rows.Length : patients.Count,
            UnitOfRow = leaky ? Enumerable.Range(0, rows.Length).ToArray() : patientOfRow, OuterFolds = outer, Labels = labels, AllLabels = allLabels,
        };
    }

    /// <summary>Labels of every unit given the training units of a fold (a quantile rule sees the training patients only).</summary>
    public double[] LabelsFor(IReadOnlyList<int> trainingUnits)
    {
        var trainingPatients = Leaky ? trainingUnits.Select(u => PatientOfRow[u]).Distinct().ToArray() : trainingUnits.ToArray();
        var byPatient = Labels.Labels(trainingPatients);
        return Leaky ? PatientOfRow.Select(p => byPatient[p]).ToArray() : byPatient;
    }

    public string PatientOfUnit(int unit) => Leaky ? Patients[PatientOfRow[unit]] : Patients[unit];

    public string? ImageOfUnit(int unit) => Leaky ? Features.ImageIds[Rows[unit]] : null;

    /// <summary>Enough labelled patients for the folds, and both classes in each (classify.lasso's training cohort too).</summary>
    internal static void CheckCounts(LabelRule rule, double[] labels, int folds)
    {
        string where = $"column '{rule.Column}'";
        if (labels.Length < folds)
            throw new DataProblemException(Table, where, $"labels {labels.Length} patients with features, fewer than the {folds} folds", "use fewer folds (folds:)");
        if (rule.IsFoldDependent) return;
        int cases = labels.Count(v => v == 1), controls = labels.Length - cases;
        if (Math.Min(cases, controls) < folds)
            throw new DataProblemException(Table, where, $"has {cases} positive and {controls} negative patients; each fold needs both classes ({folds} folds)",
                "use fewer folds (folds:), or a label with more patients in the smaller class");
    }

    /// <summary>Each patient's outer fold from a clinical column of fold numbers 1..K (K ≥ 3, every fold used).</summary>
    internal static int[] ReadFolds(string clinicalPath, string column, IReadOnlyList<string> patients)
    {
        var t = ParquetFile.Read(clinicalPath);
        if (!t.Contains(column) || t[column].Type == ColumnType.String)
            throw new DataProblemException(Table, $"column '{column}'", t.Contains(column) ? "is not numeric" : "does not exist", "set fold_column to a column of fold numbers 1..K");
        var ids = t.GetStrings("patient_id");
        var values = t.GetNullableDoubles(column);
        var byPatient = new Dictionary<string, double?>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++) if (ids[i] is { } id) byPatient[id] = values[i];
        var folds = new int[patients.Count];
        for (int p = 0; p < patients.Count; p++)
        {
            var v = byPatient.GetValueOrDefault(patients[p]);
            if (v is not { } f || f != Math.Floor(f) || f < 1)
                throw new DataProblemException(Table, $"column '{column}', patient '{patients[p]}'", v is null ? "has no fold" : $"has fold {v}, not a whole number ≥ 1", "give every labelled patient a fold number 1..K");
            folds[p] = (int)f;
        }
        int k = folds.Max();
        var missing = Enumerable.Range(1, k).Where(f => !folds.Contains(f)).ToList();
        if (missing.Count > 0 || k < 3)
            throw new DataProblemException(Table, $"column '{column}'", k < 3 ? $"has {k} fold(s)" : $"has no patient in fold(s) {string.Join(", ", missing)}", "number the folds 1..K (K ≥ 3) with patients in each");
        return folds;
    }
}
