using Radiogenomics.Statistics;

namespace Radiogenomics.Genomics;

/// <summary>
/// Single-sample GSEA (Barbie et al. 2009) exactly as GSVA 1.46 computes <c>gsva(expr, sets, method = "ssgsea")</c>
/// (R functions <c>ssgsea</c> and <c>.fastRndWalk</c>):
/// <list type="number">
/// <item>All genes are kept, constant ones included (GSVA drops constant genes for the other methods only).</item>
/// <item>Per sample, r_g = average rank of the gene's value among all N genes (ascending), <b>then truncated to an integer</b>
/// (<c>mode(R) &lt;- "integer"</c>): tied values share ⌊mean rank⌋. Weights w_g = r_g^α.</item>
/// <item>Genes are ordered by r descending, ties kept in row order (R's stable <c>order(decreasing = TRUE)</c>); pos_g = 1..N.</item>
/// <item>ES = Σ_{g∈S} w_g(N − pos_g + 1)/Σ_{g∈S} w_g − [N(N+1)/2 − Σ_{g∈S}(N − pos_g + 1)]/(N − k): the closed form of the sum over
/// the walk of the weighted hit ECDF minus the miss ECDF. k counts repeated members twice, as GSVA does.</item>
/// <item>With normalisation, every score is divided by max − min over all sets and samples, so a score depends on the whole
/// cohort and on which sets are scored together.</item>
/// </list>
/// </summary>
public static class Ssgsea
{
    /// <summary>Scores every set in every sample. Expression values must be finite (GSVA gives NA ranks otherwise).</summary>
    public static GeneSetScores Score(ExpressionMatrix expression, IReadOnlyList<GeneSet> geneSets, SsgseaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        options ??= new SsgseaOptions();
        if (!(options.Alpha >= 0)) throw new ArgumentOutOfRangeException(nameof(options), "Alpha must be ≥ 0.");
        foreach (double v in expression.Values) if (!double.IsFinite(v)) throw new ArgumentException("ssGSEA needs finite expression values.", nameof(expression));
        string method = $"ssgsea(alpha={options.Alpha}, norm={(options.Normalize ? "TRUE" : "FALSE")}, min.sz={options.MinSize}, max.sz={options.MaxSize})";
        if (expression.GeneCount < 2)
            return GeneSetIndex.Unscorable(method, expression.Samples, geneSets, "ssGSEA needs at least two genes in the matrix");

        var index = GeneSetIndex.Build(expression.Genes, geneSets, options.MinSize, options.MaxSize);
        int n = expression.GeneCount, m = expression.SampleCount;
        var scores = index.NewScoreMatrix(m);
        var column = new double[n];
        var ranks = new double[n];
        var intRank = new int[n];
        var weight = new double[n];
        var reversePos = new double[n];   // N − pos_g + 1
        var bucketStart = new int[n + 2];
        var order = new int[n];
        var powCache = new double[n + 1];
        for (int r = 1; r <= n; r++) powCache[r] = Math.Pow(r, options.Alpha);

        for (int j = 0; j < m; j++)
        {
            for (int g = 0; g < n; g++) column[g] = expression.Values[g * m + j];
            Ranks.Average(column, ranks);
            for (int g = 0; g < n; g++) { intRank[g] = (int)ranks[g]; weight[g] = powCache[intRank[g]]; }
            // Stable descending order of the integer ranks: counting sort, buckets from rank N down to 1, genes in row order.
            Array.Clear(bucketStart);
            for (int g = 0; g < n; g++) bucketStart[intRank[g]]++;
            int next = 0;
            for (int r = n; r >= 1; r--) { int c = bucketStart[r]; bucketStart[r] = next; next += c; }
            for (int g = 0; g < n; g++) order[bucketStart[intRank[g]]++] = g;
            for (int p = 0; p < n; p++) reversePos[order[p]] = n - p;     // pos = p + 1

            for (int s = 0; s < index.Rows.Length; s++)
            {
                var rows = index.Rows[s];
                if (rows.Length == 0) continue;
                double sumW = 0, sumWp = 0, sumP = 0;
                foreach (int g in rows) { sumW += weight[g]; sumWp += weight[g] * reversePos[g]; sumP += reversePos[g]; }
                double dn = n;
                scores[s * m + j] = sumWp / sumW - (dn * (dn + 1) / 2 - sumP) / (n - rows.Length);
            }
        }

        if (options.Normalize && index.AnyScored)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (double v in scores) if (!double.IsNaN(v)) { min = Math.Min(min, v); max = Math.Max(max, v); }
            double range = max - min;
            for (int i = 0; i < scores.Length; i++) scores[i] /= range;
        }
        return new GeneSetScores(method, expression.Samples, index.Outcomes, scores);
    }
}
