using System.Collections.Concurrent;

namespace Radiogenomics.Statistics;

/// <summary>
/// <c>cv.glmnet(x, y, family = "binomial", type.measure = "auc", foldid)</c>: the path on all rows fixes the λ sequence;
/// each fold's model is fitted on the other folds with its own default λ sequence (cv.glmnet passes the user's λ, null by
/// default, to the fold fits) and predicts at the full path's λ by glmnet's linear interpolation in λ
/// (<c>alignment = "lambda"</c>); per fold and λ the AUC of the held-out predicted
/// probabilities (ties ½); cvm is the fold-size-weighted mean AUC, cvsd = √(weighted mean squared deviation / (K − 1));
/// λ.min the largest λ with the highest cvm, λ.1se the largest λ whose cvm is within one cvsd of it.
/// With <c>groups</c> (image rows of patients) the held-out score of a patient is the mean of its images' probabilities and
/// the fold AUC and fold size are counted in patients; without, the result is cv.glmnet's.
/// </summary>
public static class LassoCrossValidation
{
    /// <summary>
    /// <paramref name="foldId"/>: 1..K per row. <paramref name="groups"/>: optional group (patient) index per row; a group
    /// must lie in one fold. Throws <see cref="ArgumentException"/> when a fold has fewer than 10 units on average
    /// (cv.glmnet then switches to deviance) or a training set has one class.
    /// </summary>
    public static LassoCrossValidationResult Run(IReadOnlyList<double[]> columns, double[] y, int[] foldId,
        LogisticLassoOptions? options = null, int[]? groups = null)
    {
        options ??= new LogisticLassoOptions();
        int n = y.Length;
        if (foldId.Length != n) throw new ArgumentException("one fold id per row is needed");
        int k = foldId.Max();
        if (foldId.Min() < 1 || Enumerable.Range(1, k).Any(f => !foldId.Contains(f)))
            throw new ArgumentException($"fold ids must be 1..{k} with every fold present");
        if (k < 3) throw new ArgumentException($"cross-validation needs at least 3 folds, {k} given");
        int units = groups is null ? n : groups.Distinct().Count();
        if ((double)units / k < 10)
            throw new ArgumentException($"{units} {(groups is null ? "rows" : "patients")} in {k} folds is fewer than 10 per fold, too few for a fold AUC (cv.glmnet switches to deviance); use fewer folds");

        foreach (var c in columns) if (c.Length != n) throw new ArgumentException("every feature column needs one value per row", nameof(columns));
        // The fold paths do not depend on the full path (each has its own λ sequence), so the k + 1 fits run in parallel.
        var fits = new LogisticLassoPath[k + 1];
        // One fit at a time per core, the largest (all rows) first, so that no core idles at the end.
        var oneAtATime = Partitioner.Create(Enumerable.Range(0, k + 1), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(oneAtATime, fold =>
        {
            if (fold == 0) { fits[0] = LogisticLasso.Fit(columns, y, options); return; }
            var train = Enumerable.Range(0, n).Where(i => foldId[i] != fold).ToArray();
            fits[fold] = LogisticLasso.Fit(columns, train, train.Select(i => y[i]).ToArray(), options);
        });
        var full = fits[0];
        var lambda = full.Lambda.ToArray();
        int steps = lambda.Length;
        var foldAuc = new double[k, steps];
        var foldWeight = new double[k];
        Parallel.For(1, k + 1, fold =>
        {
            var test = Enumerable.Range(0, n).Where(i => foldId[i] == fold).ToArray();
            var fit = fits[fold];
            // Held-out units: rows, or patients (mean probability of their images).
            int[] unitOf;
            int unitCount;
            if (groups is null) { unitOf = Enumerable.Range(0, test.Length).ToArray(); unitCount = test.Length; }
            else
            {
                var index = new Dictionary<int, int>();
                unitOf = test.Select(i => index.TryGetValue(groups[i], out var u) ? u : index[groups[i]] = index.Count).ToArray();
                unitCount = index.Count;
            }
            var labels = new double[unitCount];
            var sizes = new int[unitCount];
            for (int t = 0; t < test.Length; t++) { labels[unitOf[t]] = y[test[t]]; sizes[unitOf[t]]++; }
            foldWeight[fold - 1] = unitCount;
            var score = new double[unitCount];
            for (int s = 0; s < steps; s++)
            {
                var (a0, beta) = fit.At(lambda[s]);
                var nonZero = Enumerable.Range(0, beta.Length).Where(j => beta[j] != 0).ToArray();
                Array.Clear(score);
                for (int t = 0; t < test.Length; t++)
                {
                    double f = a0;
                    foreach (int j in nonZero) f += beta[j] * columns[j][test[t]];
                    score[unitOf[t]] += 1.0 / (1.0 + Math.Exp(-f));
                }
                for (int u = 0; u < unitCount; u++) score[u] /= sizes[u];
                foldAuc[fold - 1, s] = ConcordanceAuc(score, labels);
            }
        });

        var (cvm, cvsd, indexMin, indexOneSe) = CrossValidationSummary.Compute(foldAuc, foldWeight, lambda, larger: true);
        return new LassoCrossValidationResult(full, cvm, cvsd, indexMin, indexOneSe, foldAuc);
    }

    /// <summary>
    /// The fold AUC as glmnet's auc() gets it from survival::concordance: ((concordant − discordant)/(concordant + discordant +
    /// tied) + 1)/2 over case–control pairs; the same value as the Mann–Whitney AUC but rounded as R rounds it, so that
    /// exact ties of cvm between λ are ties here too.
    /// </summary>
    private static double ConcordanceAuc(double[] score, double[] labels)
    {
        var controls = new List<double>();
        for (int i = 0; i < score.Length; i++) if (labels[i] == 0) controls.Add(score[i]);
        if (controls.Count == 0 || controls.Count == score.Length) return double.NaN;
        controls.Sort();
        double concordant = 0, tied = 0, pairs = 0;
        for (int i = 0; i < score.Length; i++)
        {
            if (labels[i] != 1) continue;
            int below = controls.BinarySearchLower(score[i]), notAbove = controls.BinarySearchUpper(score[i]);
            concordant += below;
            tied += notAbove - below;
            pairs += controls.Count;
        }
        double discordant = pairs - concordant - tied;
        return ((concordant - discordant) / pairs + 1) / 2;
    }

    private static int BinarySearchLower(this List<double> sorted, double x)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (sorted[mid] < x) lo = mid + 1; else hi = mid; }
        return lo;
    }

    private static int BinarySearchUpper(this List<double> sorted, double x)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (sorted[mid] <= x) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
