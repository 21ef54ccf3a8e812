namespace Radiogenomics.Statistics;

/// <summary>
/// Wilcoxon signed-rank test as R's <c>wilcox.test(x, y, paired = TRUE)</c> (or one sample against <c>mu</c>): zero
/// differences are dropped; V is the sum of the ranks of |d| over positive d; the exact null distribution
/// (<c>psignrank</c>) when asked, or by default when fewer than 50 differences remain, and there are no ties or
/// zeros; otherwise the normal approximation with the tie-corrected variance and, by default, the continuity
/// correction. Used to compare per-feature errors of two models (Smedley &amp; Hsu 2018).
/// </summary>
public static class WilcoxonSignedRankTest
{
    /// <param name="exact">R's <c>exact</c>: null lets the sample size decide (n &lt; 50).</param>
    /// <param name="correct">R's <c>correct</c>: the continuity correction of the normal approximation.</param>
    public static WilcoxonSignedRankResult Paired(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Alternative alternative = Alternative.TwoSided,
        double mu = 0, bool? exact = null, bool correct = true)
    {
        if (x.Length != y.Length) throw new ArgumentException($"Paired samples differ in length ({x.Length} and {y.Length}).");
        var d = new double[x.Length];
        for (int i = 0; i < d.Length; i++) d[i] = x[i] - y[i];
        return OneSample(d, alternative, mu, exact, correct);
    }

    public static WilcoxonSignedRankResult OneSample(ReadOnlySpan<double> x, Alternative alternative = Alternative.TwoSided,
        double mu = 0, bool? exact = null, bool correct = true)
    {
        // R drops missing values first (complete cases), then zero differences; infinite ones rank highest.
        var d = new List<double>(x.Length);
        bool zeroes = false;
        foreach (var value in x)
        {
            if (double.IsNaN(value)) continue;
            double shifted = value - mu;
            if (shifted == 0) { zeroes = true; continue; }
            d.Add(shifted);
        }
        int n = d.Count;
        if (n == 0) throw new ArgumentException("No non-zero finite differences: the signed-rank test is undefined.");
        var ranks = Ranks.Average(d.Select(Math.Abs).ToArray());
        double v = 0;
        for (int i = 0; i < n; i++) if (d[i] > 0) v += ranks[i];
        bool ties = ranks.Distinct().Count() != n;
        bool useExact = (exact ?? n < 50) && !ties && !zeroes;
        double p;
        if (useExact)
        {
            p = alternative switch
            {
                Alternative.TwoSided => Math.Min(1, 2 * (v > n * (n + 1) / 4.0 ? SignRankUpper(v - 1, n) : SignRankLower(v, n))),
                Alternative.Greater => SignRankUpper(v - 1, n),
                Alternative.Less => SignRankLower(v, n),
                _ => throw new ArgumentOutOfRangeException(nameof(alternative)),
            };
        }
        else
        {
            double z = v - n * (n + 1) / 4.0;
            double tieTerm = ranks.GroupBy(r => r).Sum(g => Math.Pow(g.Count(), 3) - g.Count());
            double sigma = Math.Sqrt(n * (n + 1.0) * (2 * n + 1) / 24 - tieTerm / 48);
            double correction = !correct ? 0 : alternative switch
            {
                Alternative.TwoSided => Math.Sign(z) * 0.5, Alternative.Greater => 0.5, Alternative.Less => -0.5,
                _ => throw new ArgumentOutOfRangeException(nameof(alternative)),
            };
            z = (z - correction) / sigma;
            p = alternative switch
            {
                Alternative.TwoSided => 2 * Math.Min(StandardNormal.Cdf(z), StandardNormal.Cdf(z, lowerTail: false)),
                Alternative.Greater => StandardNormal.Cdf(z, lowerTail: false),
                _ => StandardNormal.Cdf(z),
            };
        }
        return new WilcoxonSignedRankResult(v, p, n, useExact, !useExact && correct);
    }

    /// <summary>P(V ≤ q) for n differences (R's <c>psignrank(q, n)</c>): subsets of 1..n counted by their sum.</summary>
    internal static double SignRankLower(double q, int n)
    {
        var (counts, total) = SignRankCounts(n);
        return Sum(counts, 0, (int)Math.Floor(q + 1e-7)) / total;
    }

    /// <summary>P(V &gt; q) (R's <c>psignrank(q, n, lower.tail = FALSE)</c>).</summary>
    internal static double SignRankUpper(double q, int n)
    {
        var (counts, total) = SignRankCounts(n);
        return Sum(counts, (int)Math.Floor(q + 1e-7) + 1, counts.Length - 1) / total;
    }

    private static double Sum(double[] counts, int from, int to)
    {
        double s = 0;
        for (int k = Math.Max(0, from); k <= Math.Min(to, counts.Length - 1); k++) s += counts[k];
        return s;
    }

    /// <summary>The number of subsets of {1, …, n} with each sum 0 … n(n+1)/2, and 2^n.</summary>
    private static (double[] Counts, double Total) SignRankCounts(int n)
    {
        int max = n * (n + 1) / 2;
        var c = new double[max + 1];
        c[0] = 1;
        for (int k = 1; k <= n; k++)
            for (int s = Math.Min(max, k * (k + 1) / 2); s >= k; s--) c[s] += c[s - k];
        return (c, Math.Pow(2, n));
    }
}
