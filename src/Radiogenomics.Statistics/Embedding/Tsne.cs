using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Radiogenomics.Statistics;

/// <summary>
/// Exact t-SNE (van der Maaten and Hinton 2008) as <c>Rtsne(theta = 0)</c> 0.16 computes it, step for step: optional
/// PCA and <c>normalize_input</c>, a bisection of each point's Gaussian precision to the perplexity, symmetrised and
/// normalised P, early exaggeration, the gradient without the paper's factor 4, delta-bar-delta gains (+0.2 / ×0.8,
/// floor 0.01), momentum and re-centring after every step. Sums run in Rtsne's order and the map's squared distances
/// are formed as its BLAS call forms them, so a given start reproduces Rtsne's embedding to rounding.
/// Memory is three n × n matrices of doubles.
/// </summary>
public static class Tsne
{
    /// <summary>Above this many points the n × n matrices would exceed ~5 GB; use fewer points (or Barnes–Hut elsewhere).</summary>
    public const int MaxPoints = 15_000;

    /// <summary>
    /// Embeds the rows of <paramref name="data"/> (n points × p coordinates, all finite). <paramref name="initial"/>
    /// (n × dimensions) replaces the seeded random start, as Rtsne's <c>Y_init</c>; it is used as given, not re-centred.
    /// </summary>
    public static TsneResult Embed(IReadOnlyList<double[]> data, TsneOptions options, IReadOnlyList<double[]>? initial = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var x = Prepare(data, options);
        int n = x.Length, dims = options.Dimensions;
        if (dims is < 1 or > 3) throw new ArgumentException("t-SNE embeds in 1, 2 or 3 dimensions.", nameof(options));
        if (options.MaxIterations < 1) throw new ArgumentException("t-SNE needs at least one iteration.", nameof(options));
        var affinities = Calibrate(x, options.Perplexity);
        var p = JointProbabilities(affinities);

        var y = new double[n * dims];
        if (initial is not null)
        {
            if (initial.Count != n || initial.Any(r => r is null || r.Length != dims))
                throw new ArgumentException($"The initial embedding must have {n} rows of {dims} coordinates.", nameof(initial));
            for (int i = 0; i < n; i++) for (int d = 0; d < dims; d++) y[i * dims + d] = initial[i][d];
        }
        else
        {
            var random = new Random(options.Seed);
            for (int i = 0; i < y.Length; i++) y[i] = PolarGaussian(random) * 1e-4;
        }

        var dy = new double[n * dims];
        var uy = new double[n * dims];
        var gains = new double[n * dims];
        Array.Fill(gains, 1.0);
        var q = new double[(long)n * n];
        double momentum = options.Momentum;
        for (long i = 0; i < p.Length; i++) p[i] *= options.Exaggeration;
        for (int iter = 0; iter < options.MaxIterations; iter++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (iter == options.StopLyingIteration)
                for (long i = 0; i < p.Length; i++) p[i] /= options.Exaggeration;
            if (iter == options.MomentumSwitchIteration) momentum = options.FinalMomentum;
            Gradient(p, y, n, dims, q, dy);
            for (int i = 0; i < dy.Length; i++)
            {
                gains[i] = Math.Sign(dy[i]) != Math.Sign(uy[i]) ? gains[i] + 0.2 : gains[i] * 0.8;
                if (gains[i] < 0.01) gains[i] = 0.01;
            }
            for (int i = 0; i < dy.Length; i++) uy[i] = momentum * uy[i] - options.LearningRate * gains[i] * dy[i];
            for (int i = 0; i < dy.Length; i++) y[i] = y[i] + uy[i];
            ZeroMean(y, n, dims);
        }

        var costs = Costs(p, y, n, dims, q);
        var embedding = new double[n][];
        for (int i = 0; i < n; i++) embedding[i] = y.AsSpan(i * dims, dims).ToArray();
        return new TsneResult(embedding, costs, affinities, options.MaxIterations);
    }

    /// <summary>
    /// What Rtsne hands its C++ code: the principal-component scores (<c>prcomp(x, center = TRUE, scale. = FALSE,
    /// rank. = initial_dims)$x</c>; signs differ from R's but t-SNE only sees distances) when <see cref="TsneOptions.Pca"/>,
    /// then <c>normalize_input</c> when <see cref="TsneOptions.Normalize"/>.
    /// </summary>
    public static double[][] Prepare(IReadOnlyList<double[]> data, TsneOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        int n = data.Count;
        if (n < 2) throw new ArgumentException("t-SNE needs at least 2 points.", nameof(data));
        if (n > MaxPoints) throw new ArgumentException($"{n} points are too many for exact t-SNE (at most {MaxPoints}).", nameof(data));
        int p = data[0]?.Length ?? 0;
        if (p == 0) throw new ArgumentException("t-SNE needs at least one coordinate per point.", nameof(data));
        for (int i = 0; i < n; i++)
        {
            if (data[i] is null || data[i].Length != p) throw new ArgumentException($"Point {i + 1} does not have {p} coordinates.", nameof(data));
            for (int j = 0; j < p; j++)
                if (!double.IsFinite(data[i][j])) throw new ArgumentException($"Point {i + 1}, coordinate {j + 1} is not finite; t-SNE needs complete data.", nameof(data));
        }
        var x = data.Select(r => (double[])r.Clone()).ToArray();
        if (options.Pca)
        {
            if (options.InitialDimensions < 1) throw new ArgumentException("initial dimensions must be at least 1.", nameof(options));
            x = PrincipalScores(x, Math.Min(options.InitialDimensions, Math.Min(n, p)));
        }
        if (options.Normalize) NormalizeInput(x);
        return x;
    }

    /// <summary>
    /// Rtsne's perplexity calibration on prepared points: squared Euclidean distances (as Rtsne forms them:
    /// √d²·√d²), then per row a bisection on β from 1 (doubling or halving until bracketed) for at most 200 steps
    /// until |H − log(perplexity)| &lt; 10⁻⁵.
    /// </summary>
    public static TsneAffinities Calibrate(IReadOnlyList<double[]> points, double perplexity)
    {
        ArgumentNullException.ThrowIfNull(points);
        int n = points.Count;
        if (!(perplexity > 0)) throw new ArgumentException("perplexity must be positive.", nameof(perplexity));
        if (n - 1 < 3 * perplexity)
            throw new ArgumentException($"perplexity {perplexity} is too large for {n} points (t-SNE needs n − 1 ≥ 3 · perplexity, so at most {(n - 1) / 3.0:0.##}).", nameof(perplexity));
        var dd = InputDistances(points);
        var conditional = new double[(long)n * n];
        var betas = new double[n];
        var steps = new int[n];
        double target = Math.Log(perplexity);
        Parallel.For(0, n, i =>
        {
            var row = conditional.AsSpan((int)((long)i * n), n);
            var dist = dd.AsSpan((int)((long)i * n), n);
            double beta = 1.0, minBeta = -double.MaxValue, maxBeta = double.MaxValue, sum = 0;
            int iter = 0;
            bool found = false;
            while (!found && iter < 200)
            {
                for (int m = 0; m < n; m++) row[m] = Math.Exp(-beta * dist[m]);
                row[i] = DoubleMin;
                sum = DoubleMin;
                for (int m = 0; m < n; m++) sum += row[m];
                double h = 0;
                for (int m = 0; m < n; m++) h += beta * (dist[m] * row[m]);
                h = h / sum + Math.Log(sum);
                double diff = h - target;
                if (diff < Tolerance && -diff < Tolerance) found = true;
                else if (diff > 0)
                {
                    minBeta = beta;
                    beta = maxBeta == double.MaxValue || maxBeta == -double.MaxValue ? beta * 2.0 : (beta + maxBeta) / 2.0;
                }
                else
                {
                    maxBeta = beta;
                    beta = minBeta == -double.MaxValue || minBeta == double.MaxValue ? beta / 2.0 : (beta + minBeta) / 2.0;
                }
                iter++;
            }
            for (int m = 0; m < n; m++) row[m] /= sum;
            betas[i] = beta;
            steps[i] = iter;
        });
        return new TsneAffinities(n, betas, steps, conditional);
    }

    private const double Tolerance = 1e-5;

    /// <summary>C's DBL_MIN (smallest normal double), which Rtsne puts on the diagonal and starts its sums with.</summary>
    private const double DoubleMin = 2.2250738585072014e-308;

    private static double[] JointProbabilities(TsneAffinities affinities)
    {
        int n = affinities.Count;
        var p = ((double[])affinities.Conditional).ToArray();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                p[(long)i * n + j] += p[(long)j * n + i];
                p[(long)j * n + i] = p[(long)i * n + j];
            }
        double sum = 0;
        for (long i = 0; i < p.Length; i++) sum += p[i];
        for (long i = 0; i < p.Length; i++) p[i] /= sum;
        return p;
    }

    private static double[] InputDistances(IReadOnlyList<double[]> x)
    {
        int n = x.Count, d = x[0].Length;
        var dd = new double[(long)n * n];
        Parallel.For(0, n, i =>
        {
            var a = x[i];
            for (int j = i + 1; j < n; j++)
            {
                var b = x[j];
                double s = 0;
                for (int k = 0; k < d; k++) s += (a[k] - b[k]) * (a[k] - b[k]);
                // Rtsne rounds through the distance so its values equal R's dist()²; so do we.
                s = Math.Sqrt(s) * Math.Sqrt(s);
                dd[(long)i * n + j] = s;
                dd[(long)j * n + i] = s;
            }
        });
        return dd;
    }

    /// <summary>Rtsne's exact gradient: Σⱼ (pᵢⱼ − qᵢⱼ) (1 + ‖yᵢ − yⱼ‖²)⁻¹ (yᵢ − yⱼ), with q's normaliser summed in row order.</summary>
    private static void Gradient(double[] p, double[] y, int n, int dims, double[] q, double[] dy)
    {
        MapKernel(y, n, dims, q);
        double sumQ = 0;
        for (long k = 0; k < q.Length; k++) sumQ += q[k]; // the diagonal holds 0 and adds nothing
        Parallel.For(0, n, i =>
        {
            Span<double> acc = stackalloc double[3];
            acc.Clear();
            long row = (long)i * n;
            for (int m = 0; m < n; m++)
            {
                if (m == i) continue;
                double qm = q[row + m];
                double mult = (p[row + m] - qm / sumQ) * qm;
                for (int d = 0; d < dims; d++) acc[d] += (y[i * dims + d] - y[m * dims + d]) * mult;
            }
            for (int d = 0; d < dims; d++) dy[i * dims + d] = acc[d];
        });
    }

    /// <summary>qᵢⱼ unnormalised, 1 / (1 + d²), d² = −2 yᵢ·yⱼ + (‖yᵢ‖² + ‖yⱼ‖²) as Rtsne's dgemm forms it; 0 on the diagonal.</summary>
    private static void MapKernel(double[] y, int n, int dims, double[] q)
    {
        var norms = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int d = 0; d < dims; d++) s += y[i * dims + d] * y[i * dims + d];
            norms[i] = s;
        }
        Parallel.For(0, n, i =>
        {
            long row = (long)i * n;
            for (int m = 0; m < n; m++)
            {
                if (m == i) { q[row + m] = 0; continue; }
                double dot = 0;
                for (int d = 0; d < dims; d++) dot += y[i * dims + d] * y[m * dims + d];
                double d2 = -2.0 * dot + (norms[i] + norms[m]);
                q[row + m] = 1 / (1 + d2);
            }
        });
    }

    private static double[] Costs(double[] p, double[] y, int n, int dims, double[] q)
    {
        MapKernel(y, n, dims, q);
        double sumQ = DoubleMin;
        for (int i = 0; i < n; i++)
            for (int m = 0; m < n; m++)
                if (m != i) sumQ += q[(long)i * n + m];
        var costs = new double[n];
        for (int i = 0; i < n; i++)
        {
            double c = 0;
            for (int m = 0; m < n; m++)
            {
                double pm = p[(long)i * n + m];
                double qm = (m == i ? DoubleMin : q[(long)i * n + m]) / sumQ;
                c += pm * Math.Log((pm + 1e-9) / (qm + 1e-9));
            }
            costs[i] = c;
        }
        return costs;
    }

    private static void ZeroMean(double[] y, int n, int dims)
    {
        Span<double> mean = stackalloc double[3];
        mean.Clear();
        for (int i = 0; i < n; i++) for (int d = 0; d < dims; d++) mean[d] += y[i * dims + d];
        for (int d = 0; d < dims; d++) mean[d] /= n;
        for (int i = 0; i < n; i++) for (int d = 0; d < dims; d++) y[i * dims + d] -= mean[d];
    }

    /// <summary>Subtracts each column's mean, in place (Rtsne's normalisation and prcomp's centring both start here).</summary>
    private static void CentreColumns(double[][] x)
    {
        int n = x.Length, p = x[0].Length;
        for (int j = 0; j < p; j++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += x[i][j];
            mean /= n;
            for (int i = 0; i < n; i++) x[i][j] -= mean;
        }
    }

    private static void NormalizeInput(double[][] x)
    {
        int p = x[0].Length;
        CentreColumns(x);
        double max = 0;
        foreach (var row in x) foreach (var v in row) if (Math.Abs(v) > max) max = Math.Abs(v);
        if (max == 0) throw new ArgumentException("All points are identical; t-SNE has nothing to embed.");
        foreach (var row in x) for (int j = 0; j < p; j++) row[j] /= max;
    }

    /// <summary>
    /// prcomp's scores on the first <paramref name="k"/> components of the centred data, from the eigen-decomposition
    /// of the smaller cross-product (XᵀX when p ≤ n: scores X·v; XXᵀ otherwise: scores u·√λ).
    /// </summary>
    private static double[][] PrincipalScores(double[][] x, int k)
    {
        int n = x.Length, p = x[0].Length;
        CentreColumns(x);
        var m = Matrix<double>.Build.DenseOfRowArrays(x);
        var scores = new double[n][];
        for (int i = 0; i < n; i++) scores[i] = new double[k];
        if (p <= n)
        {
            var evd = (m.TransposeThisAndMultiply(m)).Evd(Symmetricity.Symmetric);
            for (int c = 0; c < k; c++)
            {
                var v = evd.EigenVectors.Column(p - 1 - c); // eigenvalues ascend
                for (int i = 0; i < n; i++)
                {
                    double s = 0;
                    for (int j = 0; j < p; j++) s += x[i][j] * v[j];
                    scores[i][c] = s;
                }
            }
        }
        else
        {
            var evd = m.TransposeAndMultiply(m).Evd(Symmetricity.Symmetric);
            for (int c = 0; c < k; c++)
            {
                double lambda = Math.Max(evd.EigenValues[n - 1 - c].Real, 0);
                var u = evd.EigenVectors.Column(n - 1 - c);
                for (int i = 0; i < n; i++) scores[i][c] = u[i] * Math.Sqrt(lambda);
            }
        }
        return scores;
    }

    /// <summary>Marsaglia's polar method, as Rtsne's randn, drawing from a seeded generator.</summary>
    private static double PolarGaussian(Random random)
    {
        double x, y, r;
        do
        {
            x = 2 * random.NextDouble() - 1;
            y = 2 * random.NextDouble() - 1;
            r = x * x + y * y;
        } while (r >= 1.0 || r == 0.0);
        return x * Math.Sqrt(-2 * Math.Log(r) / r);
    }
}
