namespace Radiogenomics.Statistics;

/// <summary>
/// Ordinary least squares as R's <c>lm(y ~ x)</c> fits it: a Householder QR of the design (intercept column first, then the
/// features in order) in which a column whose part orthogonal to the columns kept before it is below 1e-7 of its norm is
/// aliased (LINPACK dqrdc2's rule with lm's tol): its coefficient is NA (NaN here) and it is left out of the fit, as are
/// all columns once the kept ones span the n rows. Coefficients solve R b = Qᵀy over the kept columns.
/// </summary>
public static class OrdinaryLeastSquares
{
    private const double Tolerance = 1e-7; // lm.fit's tol

    /// <summary>Fits y on the feature columns (one array of n values each), with an intercept unless told otherwise.</summary>
    public static OlsFit Fit(IReadOnlyList<double[]> columns, ReadOnlySpan<double> y, bool intercept = true)
    {
        int n = y.Length, p = columns.Count;
        if (n == 0) throw new ArgumentException("no observations", nameof(y));
        foreach (var c in columns) if (c.Length != n) throw new ArgumentException("every feature column needs one value per row", nameof(columns));
        int terms = p + (intercept ? 1 : 0);
        // Reflectors H_k = I − v vᵀ/τ acting on rows k..n−1, stored with their R column.
        var reflectors = new List<double[]>();
        var taus = new List<double>();
        var rColumns = new List<double[]>(); // R's column for each kept term: entries 0..k
        var kept = new List<int>();
        var work = new double[n];
        for (int t = 0; t < terms && kept.Count < n; t++)
        {
            if (intercept && t == 0) Array.Fill(work, 1.0);
            else columns[t - (intercept ? 1 : 0)].CopyTo(work, 0);
            double original = Norm(work, 0);
            for (int k = 0; k < reflectors.Count; k++) Reflect(reflectors[k], taus[k], work, k);
            int r = reflectors.Count;
            double rest = Norm(work, r);
            if (rest == 0 || rest < Tolerance * original) continue;
            // v = x_r.. − α e₁ with α = −sign(x_r)·‖x_r..‖; H x = α e₁.
            double alpha = work[r] > 0 ? -rest : rest;
            var v = new double[n];
            v[r] = work[r] - alpha;
            for (int i = r + 1; i < n; i++) v[i] = work[i];
            double tau = -alpha * v[r]; // vᵀv / 2
            var rc = new double[r + 1];
            for (int i = 0; i < r; i++) rc[i] = work[i];
            rc[r] = alpha;
            reflectors.Add(v);
            taus.Add(tau);
            rColumns.Add(rc);
            kept.Add(t);
        }
        var qty = y.ToArray();
        for (int k = 0; k < reflectors.Count; k++) Reflect(reflectors[k], taus[k], qty, k);
        int rank = kept.Count;
        var b = new double[rank];
        for (int k = rank - 1; k >= 0; k--)
        {
            double s = qty[k];
            for (int c = k + 1; c < rank; c++) s -= rColumns[c][k] * b[c];
            b[k] = s / rColumns[k][k];
        }
        var all = new double[terms];
        Array.Fill(all, double.NaN);
        for (int k = 0; k < rank; k++) all[kept[k]] = b[k];
        double a0 = intercept ? all[0] : 0;
        var beta = intercept ? all[1..] : all;
        return new OlsFit(double.IsNaN(a0) ? 0 : a0, beta, rank);
    }

    private static double Norm(double[] x, int from)
    {
        // Scaled to avoid overflow, as LINPACK's dnrm2.
        double scale = 0;
        for (int i = from; i < x.Length; i++) scale = Math.Max(scale, Math.Abs(x[i]));
        if (scale == 0) return 0;
        double s = 0;
        for (int i = from; i < x.Length; i++) { double z = x[i] / scale; s += z * z; }
        return scale * Math.Sqrt(s);
    }

    private static void Reflect(double[] v, double tau, double[] x, int from)
    {
        double dot = 0;
        for (int i = from; i < x.Length; i++) dot += v[i] * x[i];
        double f = dot / tau;
        for (int i = from; i < x.Length; i++) x[i] -= f * v[i];
    }
}
