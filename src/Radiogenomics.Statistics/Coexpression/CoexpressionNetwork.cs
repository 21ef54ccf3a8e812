namespace Radiogenomics.Statistics.Coexpression;

/// <summary>
/// WGCNA's weighted co-expression network (Debian r-cran-wgcna 1.72): Pearson correlations of genes across samples,
/// the soft-threshold adjacency, connectivity k_i = Σ_{j≠i} a_ij, <c>pickSoftThreshold</c>'s scale-free fit table, and
/// the unsigned topological overlap <c>TOMsimilarity(TOMDenom = "min")</c>:
/// TOM_ij = (Σ_{u≠i,j} a_iu a_uj + a_ij) / (min(k_i, k_j) + 1 − a_ij), TOM_ii = 1.
/// <paramref name="genes"/> arguments hold one array of sample values per gene.
/// </summary>
public static class CoexpressionNetwork
{
    /// <summary>The gene × gene Pearson correlation matrix (1 on the diagonal).</summary>
    public static double[,] Correlation(IReadOnlyList<double[]> genes)
    {
        int g = genes.Count;
        if (g == 0) throw new ArgumentException("no genes", nameof(genes));
        int n = genes[0].Length;
        var z = new double[g][];
        for (int j = 0; j < g; j++)
        {
            var x = genes[j];
            if (x.Length != n) throw new ArgumentException("every gene needs one value per sample", nameof(genes));
            double m = x.Average(), ss = 0;
            var c = new double[n];
            for (int i = 0; i < n; i++) { c[i] = x[i] - m; ss += c[i] * c[i]; }
            double s = Math.Sqrt(ss);
            for (int i = 0; i < n; i++) c[i] /= s;
            z[j] = c;
        }
        var r = new double[g, g];
        for (int a = 0; a < g; a++)
        {
            r[a, a] = 1;
            for (int b = a + 1; b < g; b++)
            {
                double v = LogisticLasso.Dot(z[a], z[b]);
                r[a, b] = r[b, a] = v;
            }
        }
        return r;
    }

    /// <summary><c>adjacency(expr, power, type)</c>: |r|^β or ((1 + r)/2)^β, 1 on the diagonal.</summary>
    public static double[,] Adjacency(IReadOnlyList<double[]> genes, double power, NetworkType type)
    {
        var r = Correlation(genes);
        int g = r.GetLength(0);
        for (int a = 0; a < g; a++)
            for (int b = 0; b < g; b++)
                r[a, b] = a == b ? 1 : Math.Pow(Similarity(r[a, b], type), power);
        return r;
    }

    /// <summary><c>pickSoftThreshold(expr, powerVector, networkType, nBreaks)</c>'s fit indices, one row per power (sorted).</summary>
    public static IReadOnlyList<SoftThresholdFit> SoftThreshold(IReadOnlyList<double[]> genes, IReadOnlyList<int> powers, NetworkType type, int breaks = 10)
    {
        if (genes.Count < 3) throw new ArgumentException("a correlation network needs at least 3 genes", nameof(genes));
        var r = Correlation(genes);
        int g = r.GetLength(0);
        var fits = new List<SoftThresholdFit>();
        foreach (int power in powers.Order())
        {
            var k = new double[g];
            for (int a = 0; a < g; a++)
            {
                double s = 0;
                for (int b = 0; b < g; b++) if (a != b) s += Math.Pow(Similarity(r[a, b], type), power);
                k[a] = s;
            }
            var (r2, slope, truncated) = ScaleFreeFit(k, breaks);
            var sorted = k.Order().ToArray();
            double median = g % 2 == 1 ? sorted[g / 2] : (sorted[g / 2 - 1] + sorted[g / 2]) / 2;
            fits.Add(new SoftThresholdFit(power, r2, slope, truncated, k.Average(), median, k.Max()));
        }
        return fits;
    }

    /// <summary>
    /// <c>scaleFreeFitIndex</c>: connectivity cut into <paramref name="breaks"/> equal bins (R's cut), log10 of each bin's
    /// mean k (the bin's midpoint when empty) against log10 of its frequency + 1e-9; R² and slope of the line, and the
    /// adjusted R² with the term 10^log10(k) added.
    /// </summary>
    public static (double RSquared, double Slope, double TruncatedRSquared) ScaleFreeFit(double[] k, int breaks = 10)
    {
        double min = k.Min(), max = k.Max(), dx = max - min;
        if (!(dx > 0)) throw new ArgumentException("connectivity is constant; no scale-free fit");
        // cut(): breaks from seq(min, max, length = nb + 1), the outer two widened by dx/1000; intervals (a, b].
        var cuts = new double[breaks + 1];
        double by = dx / breaks;
        for (int i = 0; i <= breaks; i++) cuts[i] = min + i * by;
        cuts[breaks] = max;
        var mids = new double[breaks];
        for (int i = 0; i < breaks; i++) mids[i] = (cuts[i] + cuts[i + 1]) / 2;
        var edges = (double[])cuts.Clone();
        edges[0] = min - dx / 1000;
        edges[breaks] = max + dx / 1000;
        var sum = new double[breaks];
        var count = new int[breaks];
        foreach (double v in k)
        {
            int bin = 0;
            while (bin < breaks - 1 && v > edges[bin + 1]) bin++;
            sum[bin] += v;
            count[bin]++;
        }
        var logK = new double[breaks];
        var logP = new double[breaks];
        for (int i = 0; i < breaks; i++)
        {
            double dk = count[i] > 0 ? sum[i] / count[i] : mids[i];
            if (dk == 0) dk = mids[i];
            logK[i] = Math.Log10(dk);
            logP[i] = Math.Log10((double)count[i] / k.Length + 1e-9);
        }
        var line = OrdinaryLeastSquares.Fit([logK], logP);
        var truncated = OrdinaryLeastSquares.Fit([logK, logK.Select(v => Math.Pow(10, v)).ToArray()], logP);
        return (RSquared(line, [logK], logP).R2, line.Coefficients[0], RSquared(truncated, [logK, logK.Select(v => Math.Pow(10, v)).ToArray()], logP).Adjusted);
    }

    /// <summary>summary.lm's r.squared and adj.r.squared (with intercept).</summary>
    private static (double R2, double Adjusted) RSquared(OlsFit fit, double[][] x, double[] y)
    {
        int n = y.Length;
        double mean = y.Average(), rss = 0, tss = 0;
        for (int i = 0; i < n; i++)
        {
            double e = y[i] - fit.Predict(x, i);
            rss += e * e;
            tss += (y[i] - mean) * (y[i] - mean);
        }
        double r2 = 1 - rss / tss;
        return (r2, 1 - (1 - r2) * ((n - 1.0) / (n - fit.Rank)));
    }

    /// <summary>Unsigned topological overlap of an adjacency matrix (TOMDenom "min"); the diagonal of the adjacency is ignored.</summary>
    public static double[,] TopologicalOverlap(double[,] adjacency)
    {
        int g = adjacency.GetLength(0);
        if (adjacency.GetLength(1) != g) throw new ArgumentException("the adjacency matrix must be square");
        var a = new double[g][];
        var k = new double[g];
        for (int i = 0; i < g; i++)
        {
            a[i] = new double[g];
            for (int j = 0; j < g; j++) if (i != j) a[i][j] = adjacency[i, j];
            k[i] = a[i].Sum();
        }
        var tom = new double[g, g];
        for (int i = 0; i < g; i++)
        {
            tom[i, i] = 1;
            for (int j = i + 1; j < g; j++)
            {
                double shared = LogisticLasso.Dot(a[i], a[j]); // a_ii = a_jj = 0: only u ≠ i, j count
                double v = (shared + a[i][j]) / (Math.Min(k[i], k[j]) + 1 - a[i][j]);
                tom[i, j] = tom[j, i] = v;
            }
        }
        return tom;
    }

    private static double Similarity(double r, NetworkType type) => type switch
    {
        NetworkType.Unsigned => Math.Abs(r),
        NetworkType.Signed => (1 + r) / 2,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
