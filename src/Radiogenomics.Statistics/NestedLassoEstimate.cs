namespace Radiogenomics.Statistics;

/// <summary>
/// The honest estimate of a cross-validated lasso classifier: nested cross-validation. Outer folds over units (patients)
/// give the held-out predictions; inside each outer training set <see cref="LassoCrossValidation"/> (inner folds, stratified,
/// units kept whole) chooses λ.min, the path at that λ scores the held-out units, and the Youden cut-off is chosen on the
/// training units' fitted scores. Labels come from a function of the training units, so a rule fitted on data (a quantile
/// cut-off) only ever sees training units. Rows are the model's observations (images or patients); a unit's score is the
/// mean predicted probability of its rows.
/// </summary>
public static class NestedLassoEstimate
{
    /// <param name="columns">feature columns over rows</param>
    /// <param name="unitOfRow">unit index (0..units−1) per row</param>
    /// <param name="outerFold">outer fold 1..K per unit</param>
    /// <param name="labelsFor">0/1 label of every unit, given the training units of a fold</param>
    /// <param name="innerFolds">folds of the inner cross-validation</param>
    /// <param name="random">seeded source for the inner fold assignment</param>
    public static IReadOnlyList<OutOfFoldPrediction> Run(IReadOnlyList<double[]> columns, int[] unitOfRow, int[] outerFold,
        Func<IReadOnlyList<int>, double[]> labelsFor, int innerFolds, Random random, LogisticLassoOptions options, Action<int, int>? progress = null)
    {
        int units = outerFold.Length, k = outerFold.Max();
        bool grouped = unitOfRow.Length != units || unitOfRow.Where((u, i) => u != i).Any();
        var predictions = new List<OutOfFoldPrediction>(units);
        for (int fold = 1; fold <= k; fold++)
        {
            var trainUnits = Enumerable.Range(0, units).Where(u => outerFold[u] != fold).ToArray();
            var labels = labelsFor(trainUnits);
            var trainLabels = trainUnits.Select(u => labels[u]).ToArray();
            if (trainLabels.All(l => l == trainLabels[0]))
                throw new ArgumentException($"the training patients of outer fold {fold} all have label {trainLabels[0]}; use fewer folds");
            var innerOfUnit = new int[units];
            var inner = StratifiedFolds.Assign(trainLabels, innerFolds, random);
            for (int t = 0; t < trainUnits.Length; t++) innerOfUnit[trainUnits[t]] = inner[t];

            var rows = Enumerable.Range(0, unitOfRow.Length).Where(i => outerFold[unitOfRow[i]] != fold).ToArray();
            var trainColumns = columns.Select(c => rows.Select(i => c[i]).ToArray()).ToArray();
            var y = rows.Select(i => labels[unitOfRow[i]]).ToArray();
            var foldIds = rows.Select(i => innerOfUnit[unitOfRow[i]]).ToArray();
            var cv = LassoCrossValidation.Run(trainColumns, y, foldIds, options, grouped ? rows.Select(i => unitOfRow[i]).ToArray() : null);
            int step = cv.IndexMin;
            var fit = cv.Fit;

            var score = new double[units];
            var count = new int[units];
            for (int i = 0; i < unitOfRow.Length; i++)
            {
                score[unitOfRow[i]] += 1.0 / (1.0 + Math.Exp(-fit.Link(step, columns, i)));
                count[unitOfRow[i]]++;
            }
            for (int u = 0; u < units; u++) score[u] /= count[u];
            var cutoff = Roc.Youden(trainUnits.Select(u => score[u]).ToArray(), trainLabels);
            foreach (int u in Enumerable.Range(0, units).Where(u => outerFold[u] == fold))
                predictions.Add(new OutOfFoldPrediction(u, fold, labels[u], score[u], cutoff.Threshold, fit.Lambda[step], fit.Df[step]));
            progress?.Invoke(fold, k);
        }
        return predictions.OrderBy(p => p.Unit).ToList();
    }
}
