namespace Radiogenomics.Statistics;

/// <summary>
/// The Hosmer–Lemeshow goodness-of-fit test as <c>ResourceSelection::hoslem.test(y, yhat, g)</c> defines it: g groups by the
/// type-7 quantiles of the fitted probabilities (<c>cut(..., include.lowest = TRUE)</c>: right-closed, the first also
/// left-closed), χ² = Σ (observed − expected)²/expected over both outcome columns, df = g − 2. Also the calibration
/// table (per group: patients, mean predicted probability, observed event rate).
/// </summary>
public static class HosmerLemeshowTest
{
    public static HosmerLemeshowResult Compute(ReadOnlySpan<double> labels, ReadOnlySpan<double> probabilities, int groups = 10)
    {
        if (labels.Length != probabilities.Length) throw new ArgumentException("one label per probability is needed");
        if (groups < 3) throw new ArgumentException("at least 3 groups are needed");
        var probs = new double[groups + 1];
        double by = 1.0 / groups;
        for (int k = 0; k <= groups; k++) probs[k] = k * by; // seq(0, 1, 1/g) as R computes it
        var breaks = RQuantile.Type7(probabilities, probs);
        for (int k = 1; k <= groups; k++)
            if (breaks[k] == breaks[k - 1])
                throw new ArgumentException($"the {groups} quantile groups of the predicted probabilities are not distinct (breaks are not unique)");
        var count = new int[groups];
        var observed1 = new double[groups];
        var expected1 = new double[groups];
        for (int i = 0; i < labels.Length; i++)
        {
            double p = probabilities[i];
            int g = 0;
            while (g < groups - 1 && p > breaks[g + 1]) g++;
            count[g]++;
            observed1[g] += labels[i];
            expected1[g] += p;
        }
        double chi = 0;
        var table = new HosmerLemeshowGroup[groups];
        for (int g = 0; g < groups; g++)
        {
            double o0 = count[g] - observed1[g], e0 = count[g] - expected1[g];
            chi += (o0 - e0) * (o0 - e0) / e0 + (observed1[g] - expected1[g]) * (observed1[g] - expected1[g]) / expected1[g];
            table[g] = new HosmerLemeshowGroup(g + 1, breaks[g], breaks[g + 1], count[g], expected1[g] / count[g], observed1[g] / count[g], observed1[g], expected1[g]);
        }
        int df = groups - 2;
        double pValue = double.IsFinite(chi) ? MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(df / 2.0, chi / 2) : double.NaN;
        return new HosmerLemeshowResult(chi, df, pValue, table);
    }
}
