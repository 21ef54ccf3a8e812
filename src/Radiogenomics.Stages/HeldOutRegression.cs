using System.Globalization;
using Radiogenomics.Data;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;

namespace Radiogenomics.Stages;

/// <summary>
/// What predict.elastic_net and predict.linear share: predictors (the <c>genomic</c> table, or the genes of an
/// <c>expression</c> table) and targets (the
/// <c>features</c> table, image rows averaged per patient) matched by patient; patient folds drawn once (seeded,
/// shuffled and dealt) or read from a fold column, the same for every target; per target and outer fold a model fitted
/// on the training patients predicts the held-out ones. Predictor columns with a missing value for any patient are left out.
/// </summary>
internal static class HeldOutRegression
{
    /// <summary>Fits a model on training columns and y; returns a predictor of a row of given columns.</summary>
    public delegate Func<double[][], int, double> Fitter(double[][] trainColumns, double[] trainY, string target, int fold);

    public static List<RegressionPrediction> Run(StageContext context, IReadOnlyList<string> targets, int folds, string foldColumn,
        int seed, string model, int topGenes, Fitter fit, CancellationToken cancellationToken)
    {
        var predictors = ReadPredictors(context, topGenes);
        var exclude = foldColumn.Length > 0 ? new[] { foldColumn } : [];
        var targetTable = PatientValueTable.Read(context.Input("features"), "features (targets) table", targets, exclude);
        var targetIndex = targetTable.Patients.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var patients = predictors.Patients.Where(targetIndex.ContainsKey).OrderBy(p => p, StringComparer.Ordinal).ToArray();
        if (patients.Length < folds)
            throw new DataProblemException("features (targets) table", "patient_id", $"shares {patients.Length} patients with the genomic table, fewer than the {folds} folds",
                "bind tables of the same patients, or use fewer folds");
        var predictorIndex = predictors.Patients.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var usable = Enumerable.Range(0, predictors.Names.Count)
            .Where(c => patients.All(p => !double.IsNaN(predictors.Columns[c][predictorIndex[p]]))).ToArray();
        if (usable.Length < predictors.Names.Count)
            context.Log($"left out {predictors.Names.Count - usable.Length} predictor(s) with missing values");
        if (usable.Length == 0) throw new DataProblemException(predictors.Table, "columns", "has no predictor without missing values", "bind complete predictors");
        var x = usable.Select(c => patients.Select(p => predictors.Columns[c][predictorIndex[p]]).ToArray()).ToArray();

        int[] fold = foldColumn.Length > 0 ? ReadFolds(context, foldColumn, patients)
            : StratifiedFolds.Assign(new double[patients.Length], folds, new Random(seed));
        int k = fold.Max();
        context.Report(0.02, $"{patients.Length} patients, {x.Length} predictors, {targetTable.Names.Count} target(s), {k} folds");

        var rows = new List<RegressionPrediction>();
        for (int t = 0; t < targetTable.Names.Count; t++)
        {
            string target = targetTable.Names[t];
            var y = patients.Select(p => targetTable.Columns[t][targetIndex[p]]).ToArray();
            var observed = Enumerable.Range(0, patients.Length).Where(i => !double.IsNaN(y[i])).ToArray();
            if (observed.Length < patients.Length) context.Log($"{target}: {patients.Length - observed.Length} patient(s) without a value left out");
            var byFold = new RegressionPrediction[k][];
            Parallel.For(1, k + 1, f =>
            {
                var train = observed.Where(i => fold[i] != f).ToArray();
                var test = observed.Where(i => fold[i] == f).ToArray();
                if (test.Length == 0) { byFold[f - 1] = []; return; }
                var trainX = x.Select(c => train.Select(i => c[i]).ToArray()).ToArray();
                var predict = fit(trainX, train.Select(i => y[i]).ToArray(), target, f);
                byFold[f - 1] = test.Select(i => new RegressionPrediction(patients[i], f, target, y[i], predict(x, i), model)).ToArray();
            });
            rows.AddRange(byFold.SelectMany(r => r).OrderBy(r => r.PatientId, StringComparer.Ordinal));
            cancellationToken.ThrowIfCancellationRequested();
            context.Report(0.05 + 0.9 * (t + 1) / targetTable.Names.Count, $"{target} done");
        }
        return rows;
    }

    /// <summary>Predictors as columns by patient: the genomic table when bound, else the expression table's genes.</summary>
    private sealed record Predictors(string Table, IReadOnlyList<string> Patients, IReadOnlyList<string> Names, double[][] Columns);

    /// <summary>
    /// The genomic table (pathway scores, signatures, a gene panel) when bound; else an expression (counts) table as
    /// log2(CPM + 1) of its <paramref name="topGenes"/> most variable expressed genes — the inputs predict.morphology
    /// and learn.expression_autoencoder read, so that Smedley &amp; Hsu's network and baselines see the same genes.
    /// </summary>
    private static Predictors ReadPredictors(StageContext context, int topGenes)
    {
        if (context.HasInput("genomic"))
        {
            var genomic = PatientValueTable.Read(context.Input("genomic"), "genomic table", []);
            return new Predictors("genomic table", genomic.Patients, genomic.Names, genomic.Columns);
        }
        if (!context.HasInput("expression"))
            throw new DataProblemException("params", "needs", "binds neither a genomic nor an expression table",
                "add genomics.features (genomic) or fetch.synthetic / fetch.local / fetch.gdc (expression) to needs");
        var profiles = ExpressionProfiles.ReadCounts(context.Input("expression"), topGenes);
        var columns = Enumerable.Range(0, profiles.Features.Length).Select(g => profiles.Values.Select(v => v[g]).ToArray()).ToArray();
        context.Log($"predictors: log2(CPM + 1) of the {profiles.Features.Length} most variable expressed genes of the expression table");
        return new Predictors("expression table", profiles.Patients, profiles.Features, columns);
    }

    /// <summary>Headline per target: MAE of the held-out predictions and of the training-mean baseline is left to evaluate.regressions.</summary>
    public static string Summary(IReadOnlyList<RegressionPrediction> rows) =>
        string.Format(CultureInfo.InvariantCulture, "held-out predictions of {0} target(s) for {1} patients",
            rows.Select(r => r.Target).Distinct().Count(), rows.Select(r => r.PatientId).Distinct().Count());

    private static int[] ReadFolds(StageContext context, string column, IReadOnlyList<string> patients)
    {
        // The clinical table when bound and holding the column (fetch.tables always writes one), else the targets table.
        bool clinical = context.HasInput("clinical") && Tables.ParquetFile.Read(context.Input("clinical")).Contains(column);
        string table = clinical ? "clinical table" : "features (targets) table";
        var byPatient = PatientValueTable.ReadColumn(context.Input(clinical ? "clinical" : "features"), table, column);
        var folds = new int[patients.Count];
        for (int p = 0; p < patients.Count; p++)
        {
            var v = byPatient.GetValueOrDefault(patients[p]);
            if (v is not { } f || f != Math.Floor(f) || f < 1)
                throw new DataProblemException(table, $"column '{column}', patient '{patients[p]}'", v is null ? "has no fold" : $"has fold {v}, not a whole number ≥ 1", "give every patient a fold number 1..K");
            folds[p] = (int)f;
        }
        int k = folds.Max();
        var missing = Enumerable.Range(1, k).Where(f => !folds.Contains(f)).ToList();
        if (missing.Count > 0 || k < 3)
            throw new DataProblemException(table, $"column '{column}'", k < 3 ? $"has {k} fold(s)" : $"has no patient in fold(s) {string.Join(", ", missing)}", "number the folds 1..K (K ≥ 3) with patients in each");
        return folds;
    }
}
