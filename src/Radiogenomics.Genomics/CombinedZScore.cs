namespace Radiogenomics.Genomics;

/// <summary>
/// Combined z-score (Lee et al. 2008) as GSVA 1.46 computes <c>gsva(expr, sets, method = "zscore")</c> (R <c>zscore</c>,
/// <c>combinez</c>): constant genes dropped, each gene standardised across samples (<c>scale()</c>: centred, divided by the
/// sd with n − 1), then score = Σ_{g∈S} z_g / √k (repeated members count twice). Depends on the cohort through the scaling.
/// </summary>
public static class CombinedZScore
{
    /// <summary>GSVA 1.46 <c>gsva(expr, sets, method = "zscore", min.sz, max.sz)</c>; expression values must be finite.</summary>
    public static GeneSetScores Score(ExpressionMatrix expression, IReadOnlyList<GeneSet> geneSets, int minSize = 1, int maxSize = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(expression);
        string method = $"zscore(min.sz={minSize}, max.sz={maxSize})";
        foreach (double v in expression.Values) if (!double.IsFinite(v)) throw new ArgumentException("z-scores need finite expression values.", nameof(expression));
        if (expression.SampleCount < 2)
            return GeneSetIndex.Unscorable(method, expression.Samples, geneSets, "z-scores are undefined for a single sample (sd across samples)");
        var (filtered, dropped) = ConstantGeneFilter.Apply(expression);
        if (filtered.GeneCount < 2) return GeneSetIndex.Unscorable(method, expression.Samples, geneSets, "fewer than two non-constant genes");
        var index = GeneSetIndex.Build(filtered.Genes, geneSets, minSize, maxSize, dropped > 0 ? $" after dropping {dropped} constant gene(s)" : null);
        var z = Standardize(filtered);
        int m = filtered.SampleCount;
        var scores = index.NewScoreMatrix(m);
        for (int s = 0; s < index.Rows.Length; s++)
        {
            var rows = index.Rows[s];
            if (rows.Length == 0) continue;
            double root = Math.Sqrt(rows.Length);
            for (int j = 0; j < m; j++)
            {
                double sum = 0;
                foreach (int g in rows) sum += z[g * m + j];
                scores[s * m + j] = sum / root;
            }
        }
        return new GeneSetScores(method, expression.Samples, index.Outcomes, scores);
    }

    /// <summary>R <c>t(scale(t(X)))</c>: per gene (x − mean)/sd, sd = √(Σ(x − mean)²/(n − 1)); row-major result.</summary>
    internal static double[] Standardize(ExpressionMatrix x)
    {
        int n = x.GeneCount, m = x.SampleCount;
        var z = new double[n * m];
        for (int g = 0; g < n; g++)
        {
            var row = x.Row(g);
            double mean = 0;
            foreach (double v in row) mean += v;
            mean /= m;
            double ss = 0;
            foreach (double v in row) ss += (v - mean) * (v - mean);
            double sd = Math.Sqrt(ss / (m - 1));
            for (int j = 0; j < m; j++) z[g * m + j] = (row[j] - mean) / sd;
        }
        return z;
    }
}
