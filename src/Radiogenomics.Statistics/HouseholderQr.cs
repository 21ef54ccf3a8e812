namespace Radiogenomics.Statistics;

/// <summary>
/// Householder QR of a small n × p design (n ≥ p), as R's <c>lm.fit</c> uses it: Qᵀy gives the "effects", R⁻¹ times the first p
/// effects the coefficients, and diag((RᵀR)⁻¹) = diag(chol2inv(R)) the unscaled coefficient variances. A column is treated as
/// aliased when |R_kk| &lt; 1e-7 · its norm (LINPACK dqrdc2's tolerance); this class does not pivot, callers reject such designs.
/// </summary>
public sealed class HouseholderQr
{
    private readonly double[,] _qr;   // R above the diagonal (incl.), Householder vectors below
    private readonly double[] _beta;  // reflector scale factors
    private readonly double[] _v0;    // first component of each Householder vector (the diagonal holds R)
    private readonly int _n, _p;

    public HouseholderQr(double[,] x)
    {
        _n = x.GetLength(0);
        _p = x.GetLength(1);
        if (_n < _p) throw new ArgumentException("The design has fewer rows than columns.");
        _qr = (double[,])x.Clone();
        _beta = new double[_p];
        _v0 = new double[_p];
        for (int k = 0; k < _p; k++)
        {
            double columnNorm = 0;
            for (int i = 0; i < _n; i++) columnNorm += x[i, k] * x[i, k];
            columnNorm = Math.Sqrt(columnNorm);
            double norm = 0;
            for (int i = k; i < _n; i++) norm += _qr[i, k] * _qr[i, k];
            norm = Math.Sqrt(norm);
            if (norm == 0 || norm < 1e-7 * columnNorm) { _beta[k] = 0; continue; }
            Rank++;
            double alpha = _qr[k, k] > 0 ? -norm : norm;
            double v0 = _qr[k, k] - alpha;
            // v = (v0, x[k+1..n-1, k]); H = I − β v vᵀ with β = 2/(vᵀv)
            double vtv = v0 * v0;
            for (int i = k + 1; i < _n; i++) vtv += _qr[i, k] * _qr[i, k];
            _beta[k] = 2 / vtv;
            _qr[k, k] = v0;   // temporarily, so that the loop below reads v from column k
            for (int c = k + 1; c < _p; c++)
            {
                double dot = 0;
                for (int i = k; i < _n; i++) dot += _qr[i, k] * _qr[i, c];
                dot *= _beta[k];
                for (int i = k; i < _n; i++) _qr[i, c] -= dot * _qr[i, k];
            }
            _v0[k] = v0;
            _qr[k, k] = alpha;
        }
    }

    /// <summary>Number of columns that are not aliased with the earlier ones.</summary>
    public int Rank { get; }

    public bool FullRank => Rank == _p;

    /// <summary>Overwrites <paramref name="y"/> (length n) with Qᵀy.</summary>
    public void ApplyQt(Span<double> y)
    {
        for (int k = 0; k < _p; k++)
        {
            if (_beta[k] == 0) continue;
            double dot = _v0[k] * y[k];
            for (int i = k + 1; i < _n; i++) dot += _qr[i, k] * y[i];
            dot *= _beta[k];
            y[k] -= dot * _v0[k];
            for (int i = k + 1; i < _n; i++) y[i] -= dot * _qr[i, k];
        }
    }

    /// <summary>Solves R b = (Qᵀy)[0..p−1] by back substitution (full-rank designs only).</summary>
    public void SolveR(ReadOnlySpan<double> qty, Span<double> b)
    {
        for (int k = _p - 1; k >= 0; k--)
        {
            double s = qty[k];
            for (int c = k + 1; c < _p; c++) s -= _qr[k, c] * b[c];
            b[k] = s / _qr[k, k];
        }
    }

    /// <summary>√diag(chol2inv(R)) = √diag((XᵀX)⁻¹): the coefficients' standard errors for unit residual variance.</summary>
    public double[] UnscaledStdev()
    {
        // R⁻¹ is upper triangular; (R⁻¹R⁻ᵀ)_ii = Σ_j (R⁻¹)_ij²
        var inv = new double[_p, _p];
        for (int c = 0; c < _p; c++)
        {
            inv[c, c] = 1 / _qr[c, c];
            for (int r = c - 1; r >= 0; r--)
            {
                double s = 0;
                for (int k = r + 1; k <= c; k++) s += _qr[r, k] * inv[k, c];
                inv[r, c] = -s / _qr[r, r];
            }
        }
        var sd = new double[_p];
        for (int r = 0; r < _p; r++)
        {
            double s = 0;
            for (int c = r; c < _p; c++) s += inv[r, c] * inv[r, c];
            sd[r] = Math.Sqrt(s);
        }
        return sd;
    }
}
