namespace Radiogenomics.Statistics;

/// <summary>
/// A basis of the natural cubic splines that R's <c>splines::ns(x, df, intercept = TRUE)</c> spans: boundary knots at
/// range(x), df − 2 interior knots at the type-7 quantiles k/(df − 1) of x. Least-squares fitted values and predictions
/// depend only on that space, not on ns's B-spline parameterisation, so this uses the truncated-power form
/// (Hastie, Tibshirani &amp; Friedman, ESL eq. 5.4–5.5) on x rescaled to [0, 1] for conditioning. Beyond the boundary
/// knots it is linear, as ns's <c>predict</c> is.
/// </summary>
public sealed class NaturalSplineBasis
{
    private readonly double _low, _width;
    private readonly double[] _knots; // all knots on the rescaled axis, boundary ones included

    public NaturalSplineBasis(ReadOnlySpan<double> x, int df)
    {
        if (df < 1) throw new ArgumentOutOfRangeException(nameof(df), "a natural spline needs at least one degree of freedom");
        if (x.Length == 0) throw new ArgumentException("no covariate values", nameof(x));
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in x) { min = Math.Min(min, v); max = Math.Max(max, v); }
        _low = min;
        _width = max > min ? max - min : 1;
        Df = df;
        var probs = Enumerable.Range(1, Math.Max(df - 2, 0)).Select(k => (double)k / (df - 1)).ToArray();
        var interior = probs.Length == 0 ? [] : RQuantile.Type7(x, probs);
        _knots = [0, .. interior.Select(Scale), (max - _low) / _width];
    }

    /// <summary>Number of basis columns (ns's df).</summary>
    public int Df { get; }

    private double Scale(double v) => (v - _low) / _width;

    /// <summary>The basis evaluated at <paramref name="x"/>: one row per value, <see cref="Df"/> columns.</summary>
    public double[,] Evaluate(ReadOnlySpan<double> x)
    {
        var basis = new double[x.Length, Df];
        int k = _knots.Length; // K knots give K columns: 1, x, and K − 2 differences of truncated cubes
        for (int i = 0; i < x.Length; i++)
        {
            double t = Scale(x[i]);
            basis[i, 0] = 1;
            if (Df == 1) continue;
            basis[i, 1] = t;
            if (k < 3) continue;
            double last = D(t, k - 2);
            for (int j = 0; j < k - 2; j++) basis[i, j + 2] = D(t, j) - last;
        }
        return basis;
    }

    // d_j(t) = ((t − ξ_j)₊³ − (t − ξ_K)₊³) / (ξ_K − ξ_j)
    private double D(double t, int j)
    {
        double xiK = _knots[^1], xij = _knots[j];
        return (Cube(t - xij) - Cube(t - xiK)) / (xiK - xij);
    }

    private static double Cube(double v) => v > 0 ? v * v * v : 0;
}
