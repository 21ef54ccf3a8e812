namespace Radiogenomics.Statistics;

/// <summary>
/// The Breslow risk-set bookkeeping of glmnet's Cox routine (its groups, died, usk, risk and outer steps): subjects sorted
/// by time (<see cref="CoxnetSort"/>), those before the first event dropped, and the rest cut into one block per distinct
/// event time — a block runs from one event time up to the next, so the risk set of event time k is every block from k on.
/// Times arrive already nudged (a censored time + 100·ε, as glmnet's R code does) and weighted (<c>q</c>).
/// </summary>
internal sealed class CoxnetRiskSets
{
    private readonly int[] _order;   // kept subjects in sorted order (0-based indices)
    private readonly int[] _blockEnd; // exclusive end of each block in _order
    private readonly double[] _deaths; // weighted deaths per block (dk)
    private readonly double[] _weightedStatus; // d·q per subject
    private readonly double[] _u; // risk-set sums per block

    /// <exception cref="ArgumentException">no subject with positive weight, or fewer than two subjects from the first event on.</exception>
    public CoxnetRiskSets(double[] y, double[] d, double[] q)
    {
        int n = y.Length;
        var sorted = CoxnetSort.Permutation(y);
        var jp = sorted.Where(i => q[i] > 0).ToList();
        int nj = jp.Count;
        if (nj == 0) throw new ArgumentException("no observation has a positive weight");
        int j = 0;
        while (j < nj && !(d[jp[j]] > 0)) j++;
        if (j >= nj - 2) throw new ArgumentException("fewer than two observations remain at risk from the first event on; the Cox model needs more events or longer follow-up");
        double t0 = y[jp[j]];
        FirstEventTime = t0;
        int j0 = j - 1; // drop everyone who left before the first event (ties with it stay)
        while (j0 >= 0 && !(y[jp[j0]] < t0)) j0--;
        if (j0 >= 0) jp.RemoveRange(0, j0 + 1);
        nj = jp.Count;
        var ends = new List<int>();
        double yk = t0;
        j = 1;
        while (true)
        {
            while (j < nj && !(d[jp[j]] > 0 && y[jp[j]] > yk)) j++;
            ends.Add(j); // block ends before the next event time (or at the end)
            if (j >= nj) break;
            if (j == nj - 1) { ends.Add(nj); break; }
            yk = y[jp[j]];
            j++;
        }
        _order = jp.ToArray();
        _blockEnd = ends.ToArray();
        _weightedStatus = new double[n];
        for (int i = 0; i < n; i++) _weightedStatus[i] = d[i] * q[i];
        _deaths = new double[_blockEnd.Length];
        for (int k = 0, start = 0; k < _blockEnd.Length; start = _blockEnd[k], k++)
        {
            double s = 0;
            for (int p = start; p < _blockEnd[k]; p++) s += _weightedStatus[_order[p]];
            _deaths[k] = s;
        }
        _u = new double[_blockEnd.Length];
        var kept = new bool[n];
        foreach (int i in _order) kept[i] = true;
        Kept = kept;
    }

    /// <summary>The first event time t0; subjects with an earlier time carry no weight.</summary>
    public double FirstEventTime { get; }

    /// <summary>Whether each subject lies in a risk set (time ≥ t0 and positive weight).</summary>
    public bool[] Kept { get; }

    /// <summary>Weighted deaths per block.</summary>
    public double[] Deaths => _deaths;

    /// <summary>Σ d·q·f − Σ_k dk·log(risk-set sum of e) (glmnet's risk: the Breslow log partial likelihood).</summary>
    public double LogLikelihood(double[] f, double[] e)
    {
        RiskSetSums(e);
        double s = 0;
        for (int i = 0; i < f.Length; i++) s += _weightedStatus[i] * f[i];
        double t = 0;
        for (int k = 0; k < _u.Length; k++) t += _deaths[k] * Math.Log(_u[k]);
        return s - t;
    }

    /// <summary>
    /// glmnet's outer: the diagonal Newton weights w = e(b − e·c) and working residuals wr = d·q − e·b, with
    /// b = Σ_{k ≤ block} dk/u_k and c = Σ dk/u_k². Subjects outside the risk sets keep w = wr = 0.
    /// </summary>
    /// <exception cref="ArgumentException">a weight is not positive (glmnet's error −30000).</exception>
    public void Weights(double[] e, double[] w, double[] wr)
    {
        RiskSetSums(e);
        double b = 0, c = 0;
        for (int k = 0, start = 0; k < _blockEnd.Length; start = _blockEnd[k], k++)
        {
            b += _deaths[k] / _u[k];
            c += _deaths[k] / (_u[k] * _u[k]);
            for (int p = start; p < _blockEnd[k]; p++)
            {
                int i = _order[p];
                w[i] = e[i] * (b - e[i] * c);
                if (!(w[i] > 0)) throw new CoxnetWeightException();
                wr[i] = _weightedStatus[i] - e[i] * b;
            }
        }
    }

    /// <summary>u_k: the sum of e over every kept subject from block k on (glmnet's usk, summed from the last subject back).</summary>
    private void RiskSetSums(double[] e)
    {
        double h = 0;
        for (int k = _blockEnd.Length - 1; k >= 0; k--)
        {
            int start = k == 0 ? 0 : _blockEnd[k - 1];
            for (int p = _blockEnd[k] - 1; p >= start; p--) h += e[_order[p]];
            _u[k] = h;
        }
    }
}

/// <summary>A non-positive Newton weight: the fit has diverged (glmnet's error −30000).</summary>
internal sealed class CoxnetWeightException : Exception;
