using MathNet.Numerics.LinearAlgebra;

namespace Radiogenomics.Genomics;

/// <summary>
/// PLAGE (Tomfohr et al. 2005) as GSVA 1.46 computes <c>gsva(expr, sets, method = "plage")</c> (R <c>plage</c>,
/// <c>rightsingularsvdvectorgset</c>): constant genes dropped, genes standardised as in <see cref="CombinedZScore"/>, and the
/// score of a set is the first right singular vector of its k × samples block of z-scores.
/// <para>The sign of a singular vector is arbitrary and R takes whatever LAPACK returns, so it cannot be reproduced. Here the
/// sign is fixed so that the scores correlate positively with the set's mean z-score (Σ_j v_j·mean_g z_gj ≥ 0); compare
/// with GSVA up to sign. For a one-gene set GSVA returns a garbled row (svd of a vector); here it is z/‖z‖.</para>
/// </summary>
public static class Plage
{
    /// <summary>GSVA 1.46 <c>gsva(expr, sets, method = "plage", min.sz, max.sz)</c> up to the sign of each row; values must be finite.</summary>
    public static GeneSetScores Score(ExpressionMatrix expression, IReadOnlyList<GeneSet> geneSets, int minSize = 1, int maxSize = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(expression);
        string method = $"plage(min.sz={minSize}, max.sz={maxSize})";
        foreach (double v in expression.Values) if (!double.IsFinite(v)) throw new ArgumentException("PLAGE needs finite expression values.", nameof(expression));
        if (expression.SampleCount < 2)
            return GeneSetIndex.Unscorable(method, expression.Samples, geneSets, "PLAGE is undefined for a single sample (sd across samples)");
        var (filtered, dropped) = ConstantGeneFilter.Apply(expression);
        if (filtered.GeneCount < 2) return GeneSetIndex.Unscorable(method, expression.Samples, geneSets, "fewer than two non-constant genes");
        var index = GeneSetIndex.Build(filtered.Genes, geneSets, minSize, maxSize, dropped > 0 ? $" after dropping {dropped} constant gene(s)" : null);
        var z = CombinedZScore.Standardize(filtered);
        int m = filtered.SampleCount;
        var scores = index.NewScoreMatrix(m);
        for (int s = 0; s < index.Rows.Length; s++)
        {
            var rows = index.Rows[s];
            if (rows.Length == 0) continue;
            var block = Matrix<double>.Build.Dense(rows.Length, m, (i, j) => z[rows[i] * m + j]);
            var v = block.Svd(computeVectors: true).VT.Row(0);
            double direction = 0;
            for (int j = 0; j < m; j++)
            {
                double meanZ = 0;
                for (int i = 0; i < rows.Length; i++) meanZ += block[i, j];
                direction += v[j] * meanZ;
            }
            double sign = direction < 0 ? -1 : 1;
            for (int j = 0; j < m; j++) scores[s * m + j] = sign * v[j];
        }
        return new GeneSetScores(method, expression.Samples, index.Outcomes, scores);
    }
}
