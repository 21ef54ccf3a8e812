namespace Radiogenomics.Statistics;

/// <summary>
/// The reverse Kaplan–Meier estimate G of the censoring distribution as prodlim's <c>reverse = TRUE</c> (and hence
/// riskRegression's and pec's IPCW weights): G(t) = Π_{s ≤ t} (1 − c_s / (n_s − d_s)), events at a time leaving the
/// risk set before the censorings there.
/// </summary>
internal sealed class CensoringDistribution
{
    private readonly double[] _times;
    private readonly double[] _g;

    public CensoringDistribution(ReadOnlySpan<double> time, ReadOnlySpan<int> status)
    {
        var t = time.ToArray();
        var s = status.ToArray();
        Array.Sort(t, s);
        var times = new List<double>();
        var g = new List<double>();
        double current = 1;
        int n = t.Length, k = 0;
        while (k < n)
        {
            int atRisk = n - k, deaths = 0, censored = 0;
            double at = t[k];
            while (k < n && t[k] == at) { if (s[k] == 1) deaths++; else censored++; k++; }
            if (censored > 0) current *= 1 - (double)censored / (atRisk - deaths);
            times.Add(at);
            g.Add(current);
        }
        _times = [.. times];
        _g = [.. g];
    }

    /// <summary>G(t), right-continuous.</summary>
    public double At(double t)
    {
        int k = Array.BinarySearch(_times, t);
        k = k >= 0 ? k : ~k - 1; // last time ≤ t
        return k < 0 ? 1 : _g[k];
    }

    /// <summary>G(t−), the left limit (the weight of an event at t).</summary>
    public double Before(double t)
    {
        int k = Array.BinarySearch(_times, t);
        k = (k >= 0 ? k : ~k) - 1; // last time < t
        return k < 0 ? 1 : _g[k];
    }
}
