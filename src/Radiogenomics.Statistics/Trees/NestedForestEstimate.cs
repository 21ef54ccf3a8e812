namespace Radiogenomics.Statistics;

/// <summary>
/// The cross-validated estimate of a random-forest classifier: for each outer fold of units (patients), the feature
/// selection and the forest are fitted on the training units' rows only and score the held-out units (a unit's score is
/// the mean over its rows). The forest is not tuned, so there are no inner folds; the Youden cut-off of a fold is chosen on
/// its training units' out-of-bag scores (in-bag scores of an unpruned forest are near perfect and would say nothing).
/// </summary>
public static class NestedForestEstimate
{
    /// <param name="columns">feature columns over rows</param>
    /// <param name="unitOfRow">unit index (0..units−1) per row</param>
    /// <param name="outerFold">outer fold 1..K per unit</param>
    /// <param name="labelsFor">0/1 label of every unit, given the training units of a fold</param>
    /// <param name="selection">fits the feature selection on training rows and their labels</param>
    public static IReadOnlyList<ForestPrediction> Run(IReadOnlyList<double[]> columns, int[] unitOfRow, int[] outerFold,
        Func<IReadOnlyList<int>, double[]> labelsFor, Func<IReadOnlyList<double[]>, double[], FeatureSelection> selection,
        RandomForestOptions options, Action<int, int>? progress = null)
    {
        int units = outerFold.Length, k = outerFold.Max();
        var predictions = new List<ForestPrediction>(units);
        for (int fold = 1; fold <= k; fold++)
        {
            var trainUnits = Enumerable.Range(0, units).Where(u => outerFold[u] != fold).ToArray();
            var labels = labelsFor(trainUnits);
            var trainLabels = trainUnits.Select(u => labels[u]).ToArray();
            if (trainLabels.All(l => l == trainLabels[0]))
                throw new ArgumentException($"the training patients of outer fold {fold} all have label {trainLabels[0]}; use fewer folds");
            var rows = Enumerable.Range(0, unitOfRow.Length).Where(i => outerFold[unitOfRow[i]] != fold).ToArray();
            var trainColumns = columns.Select(c => rows.Select(i => c[i]).ToArray()).ToArray();
            var y = rows.Select(i => labels[unitOfRow[i]]).ToArray();
            var selected = selection(trainColumns, y);
            var fit = RandomForestClassifier.Fit(selected.Apply(trainColumns), y, options with { Seed = RandomForestClassifier.StreamSeed(options.Seed, 1000 + fold) });

            // Training units: mean out-of-bag score of their rows (rows never out of bag are skipped) for the cut-off.
            var oobSum = new double[units];
            var oobCount = new int[units];
            for (int r = 0; r < rows.Length; r++)
            {
                double s = fit.OobScore(r);
                if (double.IsNaN(s)) continue;
                oobSum[unitOfRow[rows[r]]] += s;
                oobCount[unitOfRow[rows[r]]]++;
            }
            var withOob = trainUnits.Where(u => oobCount[u] > 0).ToArray();
            var cutoff = Roc.Youden(withOob.Select(u => oobSum[u] / oobCount[u]).ToArray(), withOob.Select(u => labels[u]).ToArray());

            var testUnits = Enumerable.Range(0, units).Where(u => outerFold[u] == fold).ToHashSet();
            var testRows = Enumerable.Range(0, unitOfRow.Length).Where(i => testUnits.Contains(unitOfRow[i])).ToArray();
            var scores = fit.Forest.Score(selected.Apply(columns.Select(c => testRows.Select(i => c[i]).ToArray()).ToArray()));
            var score = new double[units];
            var count = new int[units];
            for (int r = 0; r < testRows.Length; r++) { score[unitOfRow[testRows[r]]] += scores[r]; count[unitOfRow[testRows[r]]]++; }
            foreach (int u in testUnits.Order())
                predictions.Add(new ForestPrediction(u, fold, labels[u], score[u] / count[u], cutoff.Threshold, fit.OobError, selected.OutputCount));
            progress?.Invoke(fold, k);
        }
        return predictions.OrderBy(p => p.Unit).ToList();
    }
}
