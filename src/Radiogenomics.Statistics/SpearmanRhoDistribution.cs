namespace Radiogenomics.Statistics;

/// <summary>
/// Null distribution of Spearman's S = Σ(rank differences)² = (n³ − n)(1 − rho)/6 by Algorithm AS 89 (Best &amp; Roberts 1975),
/// in the form R's <c>cor.test</c> uses (stats/src/prho.c): exact enumeration of all n! permutations for n ≤ 9,
/// the AS 89 Edgeworth series with R's <c>pnorm</c> otherwise.
/// </summary>
public static class SpearmanRhoDistribution
{
    private const int ExactLimit = 9;
    private static readonly long[]?[] Histograms = new long[]?[ExactLimit + 1];

    /// <summary>Pr[S ≥ s] (upper tail) or Pr[S &lt; s] (<paramref name="lowerTail"/>) for sample size <paramref name="n"/> ≥ 2.</summary>
    public static double Probability(int n, double s, bool lowerTail)
    {
        double pv = lowerTail ? 0.0 : 1.0;
        if (n <= 1 || s <= 0) return pv;
        double n3 = n;
        n3 *= (n3 * n3 - 1) / 3; // (n³ − n)/3, the largest possible S
        if (s > n3) return 1 - pv;

        if (n <= ExactLimit)
        {
            long[] hist = Histogram(n);
            long total = 0, atLeast = 0;
            for (int v = 0; v < hist.Length; v++)
            {
                total += hist[v];
                if (s <= v) atLeast += hist[v];
            }
            return (lowerTail ? total - atLeast : atLeast) / (double)total;
        }

        // Edgeworth series (AS 89 coefficients).
        const double c1 = 0.2274, c2 = 0.2531, c3 = 0.1745, c4 = 0.0758, c5 = 0.1033, c6 = 0.3932,
            c7 = 0.0879, c8 = 0.0151, c9 = 0.0072, c10 = 0.0831, c11 = 0.0131, c12 = 4.6e-4;
        double y = n, b = 1 / y;
        double x = (6.0 * (s - 1) * b / (y * y - 1) - 1) * Math.Sqrt(y - 1); // rho·√(n − 1), continuity-corrected
        y = x * x;
        double u = x * b * (c1 + b * (c2 + c3 * b)
            + y * (-c4 + b * (c5 + c6 * b) - y * b * (c7 + c8 * b - y * (c9 - c10 * b + y * b * (c11 - c12 * y)))));
        y = u / Math.Exp(y / 2);
        double p = (lowerTail ? -y : y) + StandardNormal.Cdf(x, lowerTail);
        return Math.Clamp(p, 0.0, 1.0);
    }

    // Frequencies of S over all n! permutations, enumerated once per n (n ≤ 9: 362,880 permutations) and cached.
    private static long[] Histogram(int n)
    {
        var cached = Volatile.Read(ref Histograms[n]);
        if (cached is not null) return cached;
        int max = n * (n * n - 1) / 3;
        var hist = new long[max + 1];
        var perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        var c = new int[n];
        hist[SumSquares(perm)]++;
        // Heap's algorithm (iterative).
        for (int i = 1; i < n;)
        {
            if (c[i] < i)
            {
                int j = i % 2 == 0 ? 0 : c[i];
                (perm[j], perm[i]) = (perm[i], perm[j]);
                hist[SumSquares(perm)]++;
                c[i]++;
                i = 1;
            }
            else
            {
                c[i] = 0;
                i++;
            }
        }
        Interlocked.CompareExchange(ref Histograms[n], hist, null);
        return Histograms[n]!;
    }

    private static int SumSquares(int[] perm)
    {
        int s = 0;
        for (int i = 0; i < perm.Length; i++)
        {
            int d = perm[i] - i;
            s += d * d;
        }
        return s;
    }
}
