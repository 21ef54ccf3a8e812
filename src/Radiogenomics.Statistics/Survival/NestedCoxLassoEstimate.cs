namespace Radiogenomics.Statistics;

/// <summary>
/// The honest estimate of a cross-validated penalised Cox model: nested cross-validation over patients. Outer folds give
/// the held-out risks; inside each outer training set <see cref="CoxLassoCrossValidation"/> (inner folds stratified by the
/// event flag) chooses λ (λ.min or λ.1se), and the training path at that λ scores the held-out patients. The test patients
/// never touch the choice of λ or the coefficients.
/// </summary>
public static class NestedCoxLassoEstimate
{
    /// <param name="columns">feature columns over patients</param>
    /// <param name="outerFold">outer fold 1..K per patient</param>
    /// <param name="innerFolds">folds of the inner cross-validation (≥ 3)</param>
    /// <param name="random">seeded source for the inner fold assignment</param>
    /// <param name="oneStandardError">choose λ.1se rather than λ.min</param>
    public static IReadOnlyList<CoxLassoOutOfFold> Run(IReadOnlyList<double[]> columns, double[] time, int[] status, int[] outerFold,
        int innerFolds, Random random, CoxLassoMeasure measure, bool oneStandardError, CoxLassoOptions options, Action<int, int>? progress = null)
    {
        int n = time.Length, k = outerFold.Max();
        var predictions = new List<CoxLassoOutOfFold>(n);
        for (int fold = 1; fold <= k; fold++)
        {
            var train = Enumerable.Range(0, n).Where(i => outerFold[i] != fold).ToArray();
            var test = Enumerable.Range(0, n).Where(i => outerFold[i] == fold).ToArray();
            var trainStatus = train.Select(i => status[i]).ToArray();
            if (trainStatus.Sum() < 2)
                throw new ArgumentException($"the training patients of outer fold {fold} have {trainStatus.Sum()} events; use fewer folds");
            var inner = StratifiedFolds.Assign(trainStatus.Select(s => (double)s).ToArray(), innerFolds, random);
            var trainColumns = columns.Select(c => train.Select(i => c[i]).ToArray()).ToArray();
            CoxLassoCrossValidationResult cv;
            try
            {
                cv = CoxLassoCrossValidation.Run(trainColumns, train.Select(i => time[i]).ToArray(), trainStatus, inner, measure, options);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"outer fold {fold}: {e.Message}", e);
            }
            int step = oneStandardError ? cv.IndexOneSe : cv.IndexMin;
            var beta = cv.Fit.Beta[step];
            // centre on the training patients, so that the folds' risks share a scale (the mean training patient scores 0)
            double offset = 0;
            for (int j = 0; j < beta.Length; j++) if (beta[j] != 0) offset += beta[j] * trainColumns[j].Average();
            foreach (int i in test)
                predictions.Add(new CoxLassoOutOfFold(i, fold, CoxLassoPath.LinearPredictor(beta, columns, i) - offset, cv.Fit.Lambda[step], cv.Fit.Df[step]));
            progress?.Invoke(fold, k);
        }
        return predictions.OrderBy(p => p.Patient).ToList();
    }
}
