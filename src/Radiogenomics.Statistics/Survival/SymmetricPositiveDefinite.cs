namespace Radiogenomics.Statistics;

/// <summary>Cholesky factorisation of a small symmetric positive definite matrix (row-major p×p): solve and inverse.</summary>
internal sealed class SymmetricPositiveDefinite
{
    private readonly double[] _l;
    private readonly int _p;

    private SymmetricPositiveDefinite(double[] l, int p)
    {
        _l = l;
        _p = p;
    }

    /// <summary>Factors <paramref name="a"/>; null when it is not numerically positive definite (e.g. collinear covariates).</summary>
    public static SymmetricPositiveDefinite? TryFactor(double[] a, int p)
    {
        var l = new double[p * p];
        return TryFactor(a, p, l) ? new SymmetricPositiveDefinite(l, p) : null;
    }

    /// <summary>Factors <paramref name="a"/> into <paramref name="l"/> (p×p, lower triangle); false when not positive definite.</summary>
    public static bool TryFactor(double[] a, int p, double[] l)
    {
        double scale = 0;
        for (int i = 0; i < p; i++) scale = Math.Max(scale, Math.Abs(a[i * p + i]));
        double tolerance = Math.Pow(2.220446049250313e-16, 0.75) * Math.Max(scale, double.Epsilon); // coxph's toler.chol
        for (int j = 0; j < p; j++)
        {
            double d = a[j * p + j];
            for (int k = 0; k < j; k++) d -= l[j * p + k] * l[j * p + k];
            if (!(d > tolerance)) return false;
            double ljj = Math.Sqrt(d);
            l[j * p + j] = ljj;
            for (int i = j + 1; i < p; i++)
            {
                double s = a[i * p + j];
                for (int k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
                l[i * p + j] = s / ljj;
            }
        }
        return true;
    }

    /// <summary>A⁻¹ b.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var y = b.ToArray();
        Solve(_l, _p, y);
        return y;
    }

    /// <summary>Overwrites <paramref name="y"/> (b on entry) with A⁻¹ b, A factored into <paramref name="l"/> by TryFactor.</summary>
    public static void Solve(double[] l, int p, double[] y)
    {
        for (int i = 0; i < p; i++)
        {
            double s = y[i];
            for (int k = 0; k < i; k++) s -= l[i * p + k] * y[k];
            y[i] = s / l[i * p + i];
        }
        for (int i = p - 1; i >= 0; i--)
        {
            double s = y[i];
            for (int k = i + 1; k < p; k++) s -= l[k * p + i] * y[k];
            y[i] = s / l[i * p + i];
        }
    }

    /// <summary>A⁻¹, row-major.</summary>
    public double[] Inverse()
    {
        int p = _p;
        var inverse = new double[p * p];
        var e = new double[p];
        for (int j = 0; j < p; j++)
        {
            Array.Clear(e);
            e[j] = 1;
            var column = Solve(e);
            for (int i = 0; i < p; i++) inverse[i * p + j] = column[i];
        }
        return inverse;
    }
}
