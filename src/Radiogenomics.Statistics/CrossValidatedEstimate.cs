namespace Radiogenomics.Statistics;

/// <summary>
/// The cross-validated estimate of a classifier without tuning (a forest or boosting at fixed settings): for each outer
/// fold of units (patients) the model — feature selection included — is fitted on the training units' rows only and
/// scores the held-out units (a unit's score is the mean over its rows); the fold's Youden cut-off is chosen on the
/// training units' cut-off scores (a forest's out-of-bag scores: its in-bag scores are near perfect and say nothing).
/// </summary>
public static class CrossValidatedEstimate
{
    /// <param name="columns">feature columns over rows</param>
    /// <param name="unitOfRow">unit index (0..units−1) per row</param>
    /// <param name="outerFold">outer fold 1..K per unit</param>
    /// <param name="labelsFor">0/1 label of every unit, given the training units of a fold</param>
    /// <param name="fit">fits the model on a fold's training columns and row labels; the int is the fold</param>
    public static IReadOnlyList<HeldOutPrediction> Run(IReadOnlyList<double[]> columns, int[] unitOfRow, int[] outerFold,
        Func<IReadOnlyList<int>, double[]> labelsFor, Func<double[][], double[], int, FoldModel> fit, Action<int, int>? progress = null)
    {
        int units = outerFold.Length, k = outerFold.Max();
        var predictions = new List<HeldOutPrediction>(units);
        for (int fold = 1; fold <= k; fold++)
        {
            var trainUnits = Enumerable.Range(0, units).Where(u => outerFold[u] != fold).ToArray();
            var labels = labelsFor(trainUnits);
            var trainLabels = trainUnits.Select(u => labels[u]).ToArray();
            if (trainLabels.All(l => l == trainLabels[0]))
                throw new ArgumentException($"the training patients of outer fold {fold} all have label {trainLabels[0]}; use fewer folds");
            var rows = Enumerable.Range(0, unitOfRow.Length).Where(i => outerFold[unitOfRow[i]] != fold).ToArray();
            var trainColumns = columns.Select(c => rows.Select(i => c[i]).ToArray()).ToArray();
            var model = fit(trainColumns, rows.Select(i => labels[unitOfRow[i]]).ToArray(), fold);

            // Training units: mean cut-off score of their rows (NaN rows skipped).
            var sum = new double[units];
            var count = new int[units];
            for (int r = 0; r < rows.Length; r++)
            {
                double s = model.CutoffScores[r];
                if (double.IsNaN(s)) continue;
                sum[unitOfRow[rows[r]]] += s;
                count[unitOfRow[rows[r]]]++;
            }
            var scored = trainUnits.Where(u => count[u] > 0).ToArray();
            var cutoff = Roc.Youden(scored.Select(u => sum[u] / count[u]).ToArray(), scored.Select(u => labels[u]).ToArray());

            var testUnits = Enumerable.Range(0, units).Where(u => outerFold[u] == fold).ToHashSet();
            var testRows = Enumerable.Range(0, unitOfRow.Length).Where(i => testUnits.Contains(unitOfRow[i])).ToArray();
            var scores = model.Score(columns.Select(c => testRows.Select(i => c[i]).ToArray()).ToArray());
            Array.Clear(sum);
            Array.Clear(count);
            for (int r = 0; r < testRows.Length; r++) { sum[unitOfRow[testRows[r]]] += scores[r]; count[unitOfRow[testRows[r]]]++; }
            foreach (int u in testUnits.Order())
                predictions.Add(new HeldOutPrediction(u, fold, labels[u], sum[u] / count[u], cutoff.Threshold, model.Statistic, model.Features));
            progress?.Invoke(fold, k);
        }
        return predictions.OrderBy(p => p.Unit).ToList();
    }
}
