using MathNet.Numerics;
using Radiogenomics.Statistics;

namespace Radiogenomics.Genomics;

/// <summary>
/// Gene set variation analysis (Hänzelmann et al. 2013) exactly as GSVA 1.46 computes <c>gsva(expr, sets, method = "gsva")</c>
/// (R <c>compute.geneset.es</c>, C <c>matrix_density_R</c> in kernel_estimation.c and <c>ks_matrix_R</c> in ks_test.c):
/// <list type="number">
/// <item>Genes with sd &lt; 1e-10 across samples are dropped before the sets are mapped (<c>.filterFeatures</c>).</item>
/// <item>Per gene, each sample's value is turned into a log-odds of its kernel CDF over all samples:
/// Gaussian: mean over samples i of Φ((x_j − x_i)/h), h = sd/4, where Φ is GSVA's <b>table</b> of 10,001 values
/// pnorm(k/1000), k = 0..10⁴, read at index ⌊|v|/10·10⁴⌋ (no interpolation; |v| &gt; 10 gives 0 or 1);
/// Poisson: mean of ppois(x_j, x_i + 0.5); none: the ECDF. The statistic is −log((1 − F)/F).</item>
/// <item>Per sample, genes are ordered by that statistic, descending (ties in row order), and the gene at position p gets
/// the rank score |N − p + 1 − N/2|.</item>
/// <item>Per set: a walk over that order adds score^τ/Σ_set score^τ at each member and subtracts 1/(N − k) at each other gene;
/// the result is max⁺ + max⁻ (mx.diff = TRUE), max⁺ − max⁻ (with abs.ranking), or the larger deviation (mx.diff = FALSE).</item>
/// </list>
/// Scores of a sample depend on the other samples through the kernel CDF.
/// </summary>
public static class Gsva
{
    private const double SigmaFactor = 4.0, MaxPrecompute = 10.0;
    private const int PrecomputeResolution = 10000;

    // GSVA's precomputed_cdf[] (initCdfs): pnorm(MAX_PRECOMPUTE * i / PRECOMPUTE_RESOLUTION), i = 0..10^4.
    private static readonly double[] CdfTable = BuildCdfTable();

    /// <summary>Scores every set in every sample. Expression values must be finite.</summary>
    public static GeneSetScores Score(ExpressionMatrix expression, IReadOnlyList<GeneSet> geneSets, GsvaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        options ??= new GsvaOptions();
        foreach (double v in expression.Values) if (!double.IsFinite(v)) throw new ArgumentException("GSVA needs finite expression values.", nameof(expression));
        string method = $"gsva(kcdf={options.Kernel}, mx.diff={(options.MaxDiff ? "TRUE" : "FALSE")}, abs.ranking={(options.AbsoluteRanking ? "TRUE" : "FALSE")}, tau={options.Tau}, min.sz={options.MinSize}, max.sz={options.MaxSize})";
        if (expression.SampleCount < 2)
            return GeneSetIndex.Unscorable(method, expression.Samples, geneSets,
                "GSVA is undefined for a single sample: the per-gene kernel CDF needs ≥ 2 samples (GSVA drops every gene and stops)");
        if (options.Kernel == GsvaKernel.Poisson)
            foreach (double v in expression.Values) if (v < 0) throw new ArgumentException("The Poisson kernel needs non-negative counts.", nameof(expression));

        var (filtered, dropped) = ConstantGeneFilter.Apply(expression);
        if (filtered.GeneCount < 2)
            return GeneSetIndex.Unscorable(method, expression.Samples, geneSets, "fewer than two non-constant genes");
        var index = GeneSetIndex.Build(filtered.Genes, geneSets, options.MinSize, options.MaxSize,
            dropped > 0 ? $" after dropping {dropped} constant gene(s)" : null);

        int n = filtered.GeneCount, m = filtered.SampleCount;
        var density = GeneDensities(filtered, options.Kernel);   // row-major genes × samples
        var scores = index.NewScoreMatrix(m);

        var column = new double[n];
        var order = new int[n];
        var rankScore = new double[n];
        var member = new bool[n];         // the C code's geneset_mask
        var comparer = new DescendingStable(column);
        for (int j = 0; j < m; j++)
        {
            for (int g = 0; g < n; g++) { column[g] = density[g * m + j]; order[g] = g; }
            Array.Sort(order, comparer);
            // compute_rank_score(): the gene at position p + 1 gets |seq(N, 1)[p + 1] − N/2|
            for (int p = 0; p < n; p++) rankScore[order[p]] = Math.Abs((double)(n - p) - n / 2.0);
            for (int s = 0; s < index.Rows.Length; s++)
            {
                var rows = index.Rows[s];
                if (rows.Length == 0) continue;
                foreach (int g in rows) member[g] = true;
                scores[s * m + j] = Walk(rows, member, order, rankScore, n, options);
                foreach (int g in rows) member[g] = false;
            }
        }
        return new GeneSetScores(method, expression.Samples, index.Outcomes, scores);
    }

    // ks_sample() of ks_test.c, step for step: the running sum is updated gene by gene in the same floating-point order as the
    // C code, so that exact ties between the largest positive and negative deviations (mx.diff = FALSE) resolve the same way.
    private static double Walk(int[] rows, bool[] member, int[] order, double[] rankScore, int n, GsvaOptions options)
    {
        double sumSet = 0.0;
        foreach (int g in rows) sumSet += Math.Pow(rankScore[g], options.Tau);   // repeated members count twice, as in C
        double dec = 1.0 / (n - rows.Length);
        double cum = 0.0, mxPos = 0.0, mxNeg = 0.0;
        for (int i = 0; i < n; i++)
        {
            int g = order[i];
            if (member[g]) cum += Math.Pow(rankScore[g], options.Tau) / sumSet;
            else cum -= dec;
            if (cum > mxPos) mxPos = cum;
            if (cum < mxNeg) mxNeg = cum;
        }
        if (options.MaxDiff) return options.AbsoluteRanking ? mxPos - mxNeg : mxPos + mxNeg;
        return mxPos > Math.Abs(mxNeg) ? mxPos : mxNeg;
    }

    /// <summary>The per-gene log-odds kernel-CDF statistic of every (gene, sample), row-major.</summary>
    internal static double[] GeneDensities(ExpressionMatrix x, GsvaKernel kernel)
    {
        int n = x.GeneCount, m = x.SampleCount;
        var result = new double[n * m];
        for (int g = 0; g < n; g++)
        {
            var row = x.Row(g);
            var r = result.AsSpan(g * m, m);
            switch (kernel)
            {
                case GsvaKernel.Gaussian:
                {
                    double bw = SampleSd(row) / SigmaFactor;
                    for (int j = 0; j < m; j++)
                    {
                        double leftTail = 0.0;
                        for (int i = 0; i < m; i++) leftTail += PrecomputedCdf(row[j] - row[i], bw);
                        r[j] = LogOdds(leftTail / m);
                    }
                    break;
                }
                case GsvaKernel.Poisson:
                    for (int j = 0; j < m; j++)
                    {
                        double leftTail = 0.0;
                        for (int i = 0; i < m; i++) leftTail += PoissonCdf(row[j], row[i] + 0.5);
                        r[j] = LogOdds(leftTail / m);
                    }
                    break;
                default:
                    // compute.gene.density(kernel = FALSE): f <- ecdf(x); log(f(x) / (1 - f(x)))
                    for (int j = 0; j < m; j++)
                    {
                        int below = 0;
                        for (int i = 0; i < m; i++) if (row[i] <= row[j]) below++;
                        double f = (double)below / m;
                        r[j] = Math.Log(f / (1 - f));
                    }
                    break;
            }
        }
        return result;
    }

    private static double LogOdds(double leftTail) => -1.0 * Math.Log((1.0 - leftTail) / leftTail);

    // precomputedCdf() of kernel_estimation.c, operation for operation.
    private static double PrecomputedCdf(double x, double sigma)
    {
        double v = x / sigma;
        if (v < -1 * MaxPrecompute) return 0;
        if (v > MaxPrecompute) return 1;
        double cdf = CdfTable[(int)(Math.Abs(v) / MaxPrecompute * PrecomputeResolution)];
        return v < 0 ? 1.0 - cdf : cdf;
    }

    private static double[] BuildCdfTable()
    {
        var table = new double[PrecomputeResolution + 1];
        double divisor = PrecomputeResolution * 1.0;
        for (int i = 0; i <= PrecomputeResolution; i++) table[i] = StandardNormal.Cdf(MaxPrecompute * i / divisor);
        return table;
    }

    /// <summary>R <c>ppois(x, lambda)</c> = Q(⌊x + 1e-7⌋ + 1, λ), the regularised upper incomplete gamma.</summary>
    internal static double PoissonCdf(double x, double lambda)
    {
        if (lambda == 0) return 1;
        x = Math.Floor(x + 1e-7);
        if (x < 0) return 0;
        if (double.IsPositiveInfinity(x)) return 1;
        return SpecialFunctions.GammaUpperRegularized(x + 1, lambda);
    }

    // sd() of kernel_estimation.c: mean refined by the mean residual, denominator n − 1.
    private static double SampleSd(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        double sum = 0;
        foreach (double v in x) sum += v;
        double mean = sum / n;
        if (double.IsFinite(mean))
        {
            double r = 0;
            foreach (double v in x) r += v - mean;
            mean += r / n;
        }
        double ss = 0;
        foreach (double v in x) ss += (v - mean) * (v - mean);
        return Math.Sqrt(ss / (n - 1));
    }

    // R's order(x, decreasing = TRUE) is stable: equal values keep their row order.
    private sealed class DescendingStable(double[] keys) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            int c = keys[b].CompareTo(keys[a]);
            return c != 0 ? c : a.CompareTo(b);
        }
    }
}
