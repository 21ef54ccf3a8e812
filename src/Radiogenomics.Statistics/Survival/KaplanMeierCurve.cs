namespace Radiogenomics.Statistics;

/// <summary>
/// A Kaplan–Meier survival curve as R's <c>survfit</c> reports it: one row per distinct follow-up time (censoring times
/// included), the number at risk, events, censorings, S(t), <c>std.err</c> of −log S (Greenwood: √Σ d/(n(n−d))), and
/// the 95 % "log" confidence interval exp(log S ± 1.96·se), the upper limit clipped at 1 (NaN where S = 0).
/// </summary>
public sealed class KaplanMeierCurve
{
    internal KaplanMeierCurve(double[] time, int[] atRisk, int[] events, int[] censored, double[] survival, double[] standardError, double[] lower, double[] upper)
    {
        Time = time;
        AtRisk = atRisk;
        Events = events;
        Censored = censored;
        Survival = survival;
        StandardError = standardError;
        Lower = lower;
        Upper = upper;
    }

    public IReadOnlyList<double> Time { get; }
    public IReadOnlyList<int> AtRisk { get; }
    public IReadOnlyList<int> Events { get; }
    public IReadOnlyList<int> Censored { get; }
    public IReadOnlyList<double> Survival { get; }
    public IReadOnlyList<double> StandardError { get; }
    public IReadOnlyList<double> Lower { get; }
    public IReadOnlyList<double> Upper { get; }

    /// <summary>
    /// The time at which the curve falls to 1 − <paramref name="probability"/> (0.5: the median), with the limits where the
    /// upper and lower confidence curves do, as <c>quantile.survfit</c>: a flat stretch exactly at the level gives the
    /// midpoint of its ends (tolerance √ε); NaN where the curve never gets there.
    /// </summary>
    public SurvivalQuantile Quantile(double probability)
    {
        double estimate = Find(Survival, probability);
        double lower = Find(Lower, probability); // the lower curve falls to the level first
        double upper = Find(Upper, probability);
        return new SurvivalQuantile(probability, estimate, lower, upper);
    }

    /// <summary>The curve at chosen times (ascending), as <c>summary(fit, times, extend = TRUE)</c>.</summary>
    public IReadOnlyList<SurvivalAtTime> At(IReadOnlyList<double> times)
    {
        var rows = new List<SurvivalAtTime>(times.Count);
        int next = 0; // first curve row with Time > the previous chosen time
        int total = AtRisk.Count > 0 ? AtRisk[0] : 0;
        for (int k = 0; k < times.Count; k++)
        {
            double t = times[k];
            if (k > 0 && t < times[k - 1]) throw new ArgumentException("times must be ascending.", nameof(times));
            int events = 0;
            while (next < Time.Count && Time[next] <= t) events += Events[next++];
            int last = next - 1; // last row at or before t
            int atRisk = next < Time.Count ? AtRisk[next] : 0;
            if (last >= 0 && Time[last] == t) atRisk = AtRisk[last];
            if (last < 0) atRisk = total;
            rows.Add(new SurvivalAtTime(t, atRisk, events, last < 0 ? 1 : Survival[last], last < 0 ? 0 : Survival[last] * StandardError[last]));
        }
        return rows;
    }

    // quantile.survfit's findq on (0, times) against the cumulative 1 − S
    private double Find(IReadOnlyList<double> curve, double p)
    {
        const double tolerance = 1.4901161193847656e-08; // sqrt(.Machine$double.eps)
        var xs = new List<double> { 0 };
        var ys = new List<double> { 0 };
        double max = 0;
        bool seenNaN = false;
        for (int i = 0; i < curve.Count; i++)
        {
            double y = 1 - curve[i];
            if (double.IsNaN(y)) { if (seenNaN) continue; seenNaN = true; xs.Add(Time[i]); ys.Add(double.NaN); continue; }
            max = Math.Max(max, y);
            if (ys.Contains(y)) continue; // duplicated(y): keep the first time each level is reached
            xs.Add(Time[i]);
            ys.Add(y);
        }
        if (max < p) return double.NaN;
        if (p == 0) return xs[0];
        int first = FirstAbove(ys, p - tolerance), second = FirstAbove(ys, p + tolerance);
        double lastY = ys[^1];
        if (!double.IsNaN(lastY) && Math.Abs(p - lastY) < tolerance)
            return first < 0 ? double.NaN : (xs[first] + (Time.Count > 0 ? Time[^1] : 0)) / 2;
        if (first < 0 || second < 0) return double.NaN;
        return (xs[first] + xs[second]) / 2;
    }

    // approx(y ± tol, 1:n, p, method = "constant", f = 1): the first non-missing level strictly above the threshold
    private static int FirstAbove(List<double> ys, double threshold)
    {
        for (int i = 0; i < ys.Count; i++)
            if (!double.IsNaN(ys[i]) && ys[i] > threshold) return i;
        return -1;
    }
}
