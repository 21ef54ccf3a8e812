using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Radiogenomics.Statistics;

/// <summary>
/// Principal components as <c>prcomp(x, center = TRUE, scale. = TRUE)</c>: columns centred and divided by their SD (n − 1),
/// loadings the right singular vectors, <see cref="StandardDeviations"/> the singular values / √(n − 1). Fitted on training
/// cases only and applied to others with <see cref="Transform"/>. The decomposition is the eigen-decomposition of the
/// smaller of X Xᵀ and Xᵀ X (n ≪ p for deep features: a 110 × 110 problem, not 4,096 × 4,096). A constant column
/// (prcomp refuses it) gets loading 0. Signs are arbitrary, as in prcomp; here each loading vector's largest entry
/// (in absolute value) is made positive so a refit gives the same signs.
/// </summary>
public sealed class PrincipalComponents
{
    private PrincipalComponents(double[] center, double[] scale, double[][] loadings, double[] sdev, double totalVariance)
    {
        Center = center; Scale = scale; Loadings = loadings; StandardDeviations = sdev; TotalVariance = totalVariance;
    }

    /// <summary>Column means of the training data.</summary>
    public double[] Center { get; }
    /// <summary>Column SDs (n − 1) of the training data; 0 for a constant column.</summary>
    public double[] Scale { get; }
    /// <summary>Loadings per component: <c>Loadings[c][j]</c> is prcomp's <c>rotation[j, c]</c>.</summary>
    public double[][] Loadings { get; }
    /// <summary>prcomp's <c>sdev</c> of the kept components.</summary>
    public double[] StandardDeviations { get; }
    /// <summary>The sum of all components' variances (the number of non-constant columns).</summary>
    public double TotalVariance { get; }
    public int Components => Loadings.Length;

    /// <param name="columns">feature columns over the training cases</param>
    /// <param name="components">components to keep (0: decide by <paramref name="varianceFraction"/>)</param>
    /// <param name="varianceFraction">with components 0: the fewest components whose variance share reaches this</param>
    public static PrincipalComponents Fit(IReadOnlyList<double[]> columns, int components, double varianceFraction = 0)
    {
        int p = columns.Count, n = p == 0 ? 0 : columns[0].Length;
        if (n < 2) throw new ArgumentException("principal components need at least 2 cases");
        if (components <= 0 && !(varianceFraction > 0 && varianceFraction <= 1))
            throw new ArgumentException("give a number of components or a variance fraction in (0, 1]");
        var center = new double[p];
        var scale = new double[p];
        var z = new double[p][];
        for (int j = 0; j < p; j++)
        {
            var x = columns[j];
            if (x.Length != n) throw new ArgumentException($"feature {j + 1} has {x.Length} values, feature 1 has {n}");
            double m = 0;
            for (int i = 0; i < n; i++) m += x[i];
            m /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) ss += (x[i] - m) * (x[i] - m);
            center[j] = m;
            scale[j] = Math.Sqrt(ss / (n - 1));
            var zj = new double[n];
            if (scale[j] > 0) for (int i = 0; i < n; i++) zj[i] = (x[i] - m) / scale[j];
            z[j] = zj;
        }
        // Eigen-decomposition of the smaller cross-product; rank ≤ min(n − 1, p).
        bool wide = p > n;
        int q = wide ? n : p;
        var gram = new DenseMatrix(q, q);
        if (wide)
        {
            Parallel.For(0, n, a =>
            {
                for (int b = 0; b <= a; b++)
                {
                    double s = 0;
                    for (int j = 0; j < p; j++) s += z[j][a] * z[j][b];
                    gram[a, b] = s; gram[b, a] = s;
                }
            });
        }
        else
        {
            Parallel.For(0, p, a =>
            {
                for (int b = 0; b <= a; b++)
                {
                    double s = 0;
                    for (int i = 0; i < n; i++) s += z[a][i] * z[b][i];
                    gram[a, b] = s; gram[b, a] = s;
                }
            });
        }
        var evd = gram.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => v.Real).ToArray();
        var order = Enumerable.Range(0, q).OrderByDescending(i => values[i]).ToArray();
        double total = scale.Count(s => s > 0);
        int rank = Math.Min(n - 1, p);
        int keep = components > 0 ? components : 0;
        if (keep == 0)
        {
            double cumulative = 0;
            while (keep < rank && cumulative / (n - 1) < varianceFraction * total * (1 - 1e-12)) cumulative += Math.Max(values[order[keep++]], 0);
        }
        if (keep > rank) throw new ArgumentException($"{keep} components asked for, but {n} cases of {p} features have at most {rank}");
        var loadings = new double[keep][];
        var sdev = new double[keep];
        for (int c = 0; c < keep; c++)
        {
            double lambda = Math.Max(values[order[c]], 0);
            sdev[c] = Math.Sqrt(lambda / (n - 1));
            var u = evd.EigenVectors.Column(order[c]);
            var v = new double[p];
            if (wide)
            {
                // v = Zᵀ u / σ
                double sigma = Math.Sqrt(lambda);
                for (int j = 0; j < p; j++)
                {
                    double s = 0;
                    for (int i = 0; i < n; i++) s += z[j][i] * u[i];
                    v[j] = sigma > 0 ? s / sigma : 0;
                }
            }
            else
                for (int j = 0; j < p; j++) v[j] = u[j];
            int largest = 0;
            for (int j = 1; j < p; j++) if (Math.Abs(v[j]) > Math.Abs(v[largest])) largest = j;
            if (v[largest] < 0) for (int j = 0; j < p; j++) v[j] = -v[j];
            loadings[c] = v;
        }
        return new PrincipalComponents(center, scale, loadings, sdev, total);
    }

    /// <summary>Scores (prcomp's <c>x</c>, or <c>predict(pca, newdata)</c>) of the rows of <paramref name="columns"/>, one column per component.</summary>
    public double[][] Transform(IReadOnlyList<double[]> columns)
    {
        if (columns.Count != Center.Length) throw new ArgumentException($"the components were fitted on {Center.Length} features, the data has {columns.Count}");
        int n = columns.Count == 0 ? 0 : columns[0].Length;
        var scores = new double[Components][];
        Parallel.For(0, Components, c =>
        {
            var s = new double[n];
            var v = Loadings[c];
            for (int j = 0; j < Center.Length; j++)
            {
                if (Scale[j] == 0 || v[j] == 0) continue;
                double w = v[j] / Scale[j], m = Center[j];
                var x = columns[j];
                for (int i = 0; i < n; i++) s[i] += (x[i] - m) * w;
            }
            scores[c] = s;
        });
        return scores;
    }

    /// <summary>A fitted PCA from its parts (a stored model).</summary>
    public static PrincipalComponents FromParts(double[] center, double[] scale, double[][] loadings, double[] sdev) =>
        new(center, scale, loadings, sdev, scale.Count(s => s > 0));
}
