namespace Radiogenomics.Statistics;

/// <summary>Pearson's product-moment correlation test, reproducing R's <c>cor.test(x, y, method = "pearson")</c>.</summary>
public static class PearsonCorrelation
{
    /// <summary>Sample correlation as R's <c>cor(x, y)</c>: two-pass centred sums (with the mean refined by the mean residual), clamped to [−1, 1].</summary>
    public static double Coefficient(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("x and y must have the same length.");
        int n = x.Length;
        if (n < 2) return double.NaN;
        double mx = RefinedMean(x), my = RefinedMean(y);
        double sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxx += dx * dx; syy += dy * dy; sxy += dx * dy;
        }
        // √(sxx·syy) when representable: equal sums give exactly ±1 (R's long-double arithmetic does too).
        double prod = sxx * syy;
        double r = sxy / (double.IsNormal(prod) ? Math.Sqrt(prod) : Math.Sqrt(sxx) * Math.Sqrt(syy));
        return r > 1 ? 1 : r < -1 ? -1 : r;
    }

    /// <summary>
    /// t = √(n−2)·r/√(1−r²) on n − 2 df; two-sided p = 2·min(pt(t), 1 − pt(t)); Fisher-z confidence interval
    /// tanh(atanh r ± z_{(1+level)/2}/√(n−3)) for n &gt; 3. Pairs with NaN are dropped. R stops for n &lt; 3; here the result is NaN.
    /// </summary>
    public static CorrelationTestResult Test(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Alternative alternative = Alternative.TwoSided,
        double confidenceLevel = 0.95)
    {
        if (x.Length != y.Length) throw new ArgumentException("x and y must have the same length.");
        if (!(confidenceLevel >= 0 && confidenceLevel <= 1)) throw new ArgumentOutOfRangeException(nameof(confidenceLevel));
        var (cx, cy) = CompletePairs(x, y);
        int n = cx.Length;
        var result = new CorrelationTestResult
        {
            Method = CorrelationMethod.Pearson, Alternative = alternative, Count = n, Estimate = double.NaN, Statistic = double.NaN,
            DegreesOfFreedom = double.NaN, PValue = double.NaN, ConfidenceLower = double.NaN, ConfidenceUpper = double.NaN,
        };
        if (n < 3) return result;

        double r = Coefficient(cx, cy);
        double df = n - 2;
        double t = Math.Sqrt(df) * r / Math.Sqrt(1 - r * r);
        double p = alternative switch
        {
            Alternative.Less => StudentT.Cdf(t, df),
            Alternative.Greater => StudentT.Cdf(t, df, lowerTail: false),
            _ => 2 * Math.Min(StudentT.Cdf(t, df), StudentT.Cdf(t, df, lowerTail: false)),
        };
        double lower = double.NaN, upper = double.NaN;
        if (n > 3)
        {
            double z = Math.Atanh(r), sigma = 1 / Math.Sqrt(n - 3);
            (lower, upper) = alternative switch
            {
                Alternative.Less => (-1.0, Math.Tanh(z + sigma * StandardNormal.Quantile(confidenceLevel))),
                Alternative.Greater => (Math.Tanh(z - sigma * StandardNormal.Quantile(confidenceLevel)), 1.0),
                _ => (Math.Tanh(z - sigma * StandardNormal.Quantile((1 + confidenceLevel) / 2)),
                      Math.Tanh(z + sigma * StandardNormal.Quantile((1 + confidenceLevel) / 2))),
            };
        }
        return result with { Estimate = r, Statistic = t, DegreesOfFreedom = df, PValue = p, ConfidenceLower = lower, ConfidenceUpper = upper };
    }

    // R's cov.c: mean = sum/n, then corrected by the mean of the residuals (long double there; one refinement recovers most of it).
    private static double RefinedMean(ReadOnlySpan<double> v)
    {
        double sum = 0;
        foreach (double a in v) sum += a;
        double mean = sum / v.Length;
        if (!double.IsFinite(mean)) return mean;
        double corr = 0;
        foreach (double a in v) corr += a - mean;
        return mean + corr / v.Length;
    }

    internal static (double[] X, double[] Y) CompletePairs(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = 0;
        for (int i = 0; i < x.Length; i++) if (!double.IsNaN(x[i]) && !double.IsNaN(y[i])) n++;
        var cx = new double[n];
        var cy = new double[n];
        for (int i = 0, k = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i])) continue;
            cx[k] = x[i]; cy[k] = y[i]; k++;
        }
        return (cx, cy);
    }
}
