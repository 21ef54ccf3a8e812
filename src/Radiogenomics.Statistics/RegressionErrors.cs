namespace Radiogenomics.Statistics;

/// <summary>
/// Prediction errors as Smedley &amp; Hsu (2018) report them: mean absolute error, mean absolute percent error
/// (100 · mean |y − ŷ| / |y| over observations y ≠ 0, where the percent error is defined), the paired Wilcoxon
/// signed-rank test of two models' absolute errors on the same observations (<c>wilcox.test(paired = TRUE)</c>, with
/// continuity correction when the normal approximation is used) and Bonferroni's correction (<c>p.adjust</c>).
/// </summary>
public static class RegressionErrors
{
    public static double MeanAbsoluteError(ReadOnlySpan<double> observed, ReadOnlySpan<double> predicted)
    {
        if (observed.Length != predicted.Length || observed.Length == 0) throw new ArgumentException("observed and predicted need the same, non-zero length");
        double s = 0;
        for (int i = 0; i < observed.Length; i++) s += Math.Abs(observed[i] - predicted[i]);
        return s / observed.Length;
    }

    /// <summary>MAPE in percent and the number of observations it averages (those with y ≠ 0); NaN when there are none.</summary>
    public static (double Mape, int Count) MeanAbsolutePercentError(ReadOnlySpan<double> observed, ReadOnlySpan<double> predicted)
    {
        if (observed.Length != predicted.Length) throw new ArgumentException("observed and predicted need the same length");
        double s = 0;
        int n = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            if (observed[i] == 0) continue;
            s += Math.Abs((observed[i] - predicted[i]) / observed[i]);
            n++;
        }
        return (n == 0 ? double.NaN : 100 * s / n, n);
    }

    /// <summary>Signed-rank test of |y − ŷ_a| against |y − ŷ_b| (V counts the ranks where model a errs more).</summary>
    public static WilcoxonSignedRankResult CompareAbsoluteErrors(ReadOnlySpan<double> observed, ReadOnlySpan<double> predictedA, ReadOnlySpan<double> predictedB)
    {
        var a = new double[observed.Length];
        var b = new double[observed.Length];
        for (int i = 0; i < observed.Length; i++)
        {
            a[i] = Math.Abs(observed[i] - predictedA[i]);
            b[i] = Math.Abs(observed[i] - predictedB[i]);
        }
        return WilcoxonSignedRankTest.Paired(a, b);
    }

    /// <summary><c>p.adjust(p, "bonferroni")</c>: min(1, m·p), NaN kept and not counted in m.</summary>
    public static double[] Bonferroni(IReadOnlyList<double> p)
    {
        int m = p.Count(v => !double.IsNaN(v));
        return p.Select(v => double.IsNaN(v) ? double.NaN : Math.Min(1, v * m)).ToArray();
    }
}
