namespace Radiogenomics.Statistics;

/// <summary>
/// <c>cv.glmnet(x, y, family = "gaussian", type.measure = "mse", foldid)</c>: the path on all rows fixes the λ sequence;
/// each fold's model is fitted on the other folds with its own default λ sequence and predicts the held-out rows at the
/// full path's λ by glmnet's linear interpolation in λ; per fold and λ the mean squared error; cvm, cvsd, λ.min and λ.1se
/// as cv.glmnet (<see cref="CrossValidationSummary"/>).
/// </summary>
public static class ElasticNetCrossValidation
{
    /// <summary><paramref name="foldId"/>: 1..K per row, K ≥ 3.</summary>
    public static ElasticNetCrossValidationResult Run(IReadOnlyList<double[]> columns, double[] y, int[] foldId,
        GaussianElasticNetOptions? options = null)
    {
        options ??= new GaussianElasticNetOptions();
        int n = y.Length;
        if (foldId.Length != n) throw new ArgumentException("one fold id per row is needed");
        int k = foldId.Max();
        if (foldId.Min() < 1 || Enumerable.Range(1, k).Any(f => !foldId.Contains(f)))
            throw new ArgumentException($"fold ids must be 1..{k} with every fold present");
        if (k < 3) throw new ArgumentException($"cross-validation needs at least 3 folds, {k} given");

        // The fold paths do not depend on the full path (each has its own λ sequence), so all k + 1 fits run at once.
        var fits = new GlmnetPath[k + 1];
        Parallel.For(0, k + 1, fold =>
        {
            if (fold == 0) { fits[0] = GaussianElasticNet.Fit(columns, y, options); return; }
            var train = Enumerable.Range(0, n).Where(i => foldId[i] != fold).ToArray();
            var trainColumns = columns.Select(c => train.Select(i => c[i]).ToArray()).ToArray();
            fits[fold] = GaussianElasticNet.Fit(trainColumns, train.Select(i => y[i]).ToArray(), options);
        });
        var full = fits[0];
        var lambda = full.Lambda.ToArray();
        int steps = lambda.Length;
        var foldMse = new double[k, steps];
        var foldWeight = new double[k];
        for (int fold = 1; fold <= k; fold++)
        {
            var test = Enumerable.Range(0, n).Where(i => foldId[i] == fold).ToArray();
            foldWeight[fold - 1] = test.Length;
            for (int s = 0; s < steps; s++)
            {
                var (a0, beta) = fits[fold].At(lambda[s]);
                double sse = 0;
                foreach (int i in test)
                {
                    double f = a0;
                    for (int j = 0; j < beta.Length; j++) if (beta[j] != 0) f += beta[j] * columns[j][i];
                    sse += (y[i] - f) * (y[i] - f);
                }
                foldMse[fold - 1, s] = sse / test.Length;
            }
        }
        var (cvm, cvsd, indexMin, indexOneSe) = CrossValidationSummary.Compute(foldMse, foldWeight, lambda, larger: false);
        return new ElasticNetCrossValidationResult(full, cvm, cvsd, indexMin, indexOneSe, foldMse);
    }
}
