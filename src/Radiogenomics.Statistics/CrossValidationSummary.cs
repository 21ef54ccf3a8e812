namespace Radiogenomics.Statistics;

/// <summary>
/// cv.glmnet's summary of per-fold measures (cvcompute + getOptcv.glmnet): cvm the fold-weighted mean per λ, cvsd =
/// √(weighted mean squared deviation / (K − 1)); λ.min the largest λ at the best cvm, λ.1se the largest λ whose cvm is
/// within one cvsd of it. Folds with a NaN measure at a λ are left out there.
/// </summary>
internal static class CrossValidationSummary
{
    /// <param name="foldMeasure">measure per fold (row) and λ step (column).</param>
    /// <param name="foldWeight">fold sizes.</param>
    /// <param name="lambda">the λ sequence, decreasing.</param>
    /// <param name="larger">true when larger is better (AUC), false for an error (MSE).</param>
    public static (double[] Cvm, double[] Cvsd, int IndexMin, int IndexOneSe) Compute(double[,] foldMeasure, double[] foldWeight,
        IReadOnlyList<double> lambda, bool larger)
    {
        int k = foldMeasure.GetLength(0), steps = foldMeasure.GetLength(1);
        // weighted.mean as R evaluates it: products in double, their sum in extended precision (Neumaier here), then one
        // division; exact ties between λ (e.g. the same pair counts spread differently over folds) then stay ties.
        var cvm = new double[steps];
        var cvsd = new double[steps];
        var terms = new List<double>(k);
        for (int s = 0; s < steps; s++)
        {
            double sw = 0;
            terms.Clear();
            for (int f = 0; f < k; f++) if (!double.IsNaN(foldMeasure[f, s])) { terms.Add(foldMeasure[f, s] * foldWeight[f]); sw += foldWeight[f]; }
            cvm[s] = AccurateSum(terms) / sw;
            terms.Clear();
            for (int f = 0; f < k; f++)
                if (!double.IsNaN(foldMeasure[f, s])) { double d = foldMeasure[f, s] - cvm[s]; terms.Add(d * d * foldWeight[f]); }
            cvsd[s] = Math.Sqrt(AccurateSum(terms) / sw / (k - 1));
        }
        // getOptcv.glmnet minimises: the AUC enters as −cvm.
        double sign = larger ? -1 : 1;
        double best = cvm.Where(v => !double.IsNaN(v)).Min(v => sign * v);
        int indexMin = Enumerable.Range(0, steps).Where(s => sign * cvm[s] <= best).MaxBy(s => lambda[s]);
        double bound = sign * cvm[indexMin] + cvsd[indexMin];
        int indexOneSe = Enumerable.Range(0, steps).Where(s => sign * cvm[s] <= bound).MaxBy(s => lambda[s]);
        return (cvm, cvsd, indexMin, indexOneSe);
    }

    /// <summary>Neumaier's compensated sum: the rounded exact sum for these few terms, as R's long-double accumulator gives.</summary>
    private static double AccurateSum(List<double> values)
    {
        double sum = 0, c = 0;
        foreach (double v in values)
        {
            double t = sum + v;
            c += Math.Abs(sum) >= Math.Abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }
        return sum + c;
    }
}
