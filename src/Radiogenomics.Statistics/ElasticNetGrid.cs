namespace Radiogenomics.Statistics;

/// <summary>
/// The elastic net tuned over a grid of α × λ as Smedley &amp; Hsu (2018) tuned their linear baseline: for every α,
/// <see cref="ElasticNetCrossValidation"/> on the given (inner) folds picks λ (λ.min or λ.1se); the α whose chosen λ
/// has the lowest cross-validated MSE wins (ties: the first α). The model is that α's path on all the rows given,
/// evaluated at the chosen λ.
/// </summary>
public static class ElasticNetGrid
{
    public static ElasticNetGridChoice Select(IReadOnlyList<double[]> columns, double[] y, IReadOnlyList<double> alphas, int[] foldId,
        GaussianElasticNetOptions? options = null, bool oneStandardError = false)
    {
        options ??= new GaussianElasticNetOptions();
        if (alphas.Count == 0) throw new ArgumentException("at least one α is needed", nameof(alphas));
        ElasticNetGridChoice? best = null;
        foreach (double alpha in alphas)
        {
            var cv = ElasticNetCrossValidation.Run(columns, y, foldId, options with { Alpha = alpha });
            int step = oneStandardError ? cv.IndexOneSe : cv.IndexMin;
            if (best is null || cv.Cvm[step] < best.CvMse)
            {
                var (a0, beta) = cv.Fit.At(cv.Fit.Lambda[step]);
                best = new ElasticNetGridChoice(alpha, cv.Fit.Lambda[step], cv.Cvm[step], a0, beta);
            }
        }
        return best!;
    }
}
