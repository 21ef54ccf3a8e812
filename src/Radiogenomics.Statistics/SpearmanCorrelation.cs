namespace Radiogenomics.Statistics;

/// <summary>Spearman's rank correlation test, reproducing R's <c>cor.test(x, y, method = "spearman")</c>.</summary>
public static class SpearmanCorrelation
{
    /// <summary>
    /// rho = Pearson correlation of the average ranks; S = (n³ − n)(1 − rho)/6. The p-value is R's: with <paramref name="exact"/>
    /// (default true) and no ties and n ≤ 1290, AS 89 (<see cref="SpearmanRhoDistribution"/>) at round(S) (+2 for the lower tail);
    /// otherwise the t approximation r/√((1 − r²)/(n − 2)) on n − 2 df. Two-sided p = min(1, 2·tail), the tail chosen by S versus its mean.
    /// Pairs with NaN are dropped; R stops for n &lt; 2, here the result is NaN.
    /// </summary>
    public static CorrelationTestResult Test(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Alternative alternative = Alternative.TwoSided,
        bool exact = true)
    {
        if (x.Length != y.Length) throw new ArgumentException("x and y must have the same length.");
        var (cx, cy) = PearsonCorrelation.CompletePairs(x, y);
        int n = cx.Length;
        var result = new CorrelationTestResult
        {
            Method = CorrelationMethod.Spearman, Alternative = alternative, Count = n, Estimate = double.NaN, Statistic = double.NaN,
            DegreesOfFreedom = double.NaN, PValue = double.NaN, ConfidenceLower = double.NaN, ConfidenceUpper = double.NaN,
        };
        if (n < 2) return result;

        double r = PearsonCorrelation.Coefficient(Ranks.Average(cx), Ranks.Average(cy));
        if (!double.IsFinite(r)) return result; // a constant variable: R reports NA for everything
        double dn = n;
        double n3n = dn * dn * dn - dn;
        double q = n3n * (1 - r) / 6;
        bool ties = Math.Min(Ranks.DistinctCount(cx), Ranks.DistinctCount(cy)) < n;
        bool useExact = exact && !ties && n <= 1290;

        double p;
        switch (alternative)
        {
            case Alternative.Greater: p = Tail(q, n, lowerTail: true, useExact); break;
            case Alternative.Less: p = Tail(q, n, lowerTail: false, useExact); break;
            default:
                p = q > n3n / 6 ? Tail(q, n, lowerTail: false, useExact) : Tail(q, n, lowerTail: true, useExact);
                p = Math.Min(2 * p, 1);
                break;
        }
        return result with { Estimate = r, Statistic = q, PValue = p, ExactPValue = useExact };
    }

    // R's pspearman(): lower.tail = TRUE is Pr[S < round(q) + 2], i.e. Pr[S <= q] on the even lattice of S.
    private static double Tail(double q, int n, bool lowerTail, bool exact)
    {
        if (exact) return SpearmanRhoDistribution.Probability(n, Math.Round(q, MidpointRounding.ToEven) + (lowerTail ? 2 : 0), lowerTail);
        double dn = n;
        double den = dn * (dn * dn - 1) / 6;
        double r = 1 - q / den;
        return StudentT.Cdf(r / Math.Sqrt((1 - r * r) / (n - 2)), n - 2, lowerTail: !lowerTail);
    }
}
