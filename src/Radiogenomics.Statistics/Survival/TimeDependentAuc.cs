namespace Radiogenomics.Statistics;

/// <summary>
/// Cumulative/dynamic AUC at time t with inverse-probability-of-censoring weights, the estimator of timeROC, of
/// scikit-survival's <c>cumulative_dynamic_auc</c> and of <c>riskRegression::Score(metrics = "auc", cens.model = "km")</c>:
/// cases are events by t (weight 1/G(Tᵢ−)), controls the patients still event-free after t (weight 1/G(t)); a case
/// with the higher marker counts 1, a tie ½. Higher marker = higher risk.
/// </summary>
public static class TimeDependentAuc
{
    public static double At(ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<double> marker, double t)
    {
        var censoring = new CensoringDistribution(time, status);
        return At(time, status, marker, t, censoring);
    }

    internal static double At(ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<double> marker, double t, CensoringDistribution censoring)
    {
        int n = time.Length;
        if (status.Length != n || marker.Length != n) throw new ArgumentException("time, status and marker differ in length.");
        // controls sorted by marker: for each case count controls below and tied by binary search
        var controls = new List<double>();
        for (int j = 0; j < n; j++) if (time[j] > t) controls.Add(marker[j]);
        if (controls.Count == 0) return double.NaN;
        var sorted = controls.ToArray();
        Array.Sort(sorted);
        double numerator = 0, caseWeight = 0;
        for (int i = 0; i < n; i++)
        {
            if (!(time[i] <= t && status[i] == 1)) continue;
            double w = 1 / censoring.Before(time[i]);
            int below = LowerBound(sorted, marker[i]), notAbove = UpperBound(sorted, marker[i]);
            numerator += w * (below + 0.5 * (notAbove - below));
            caseWeight += w;
        }
        if (caseWeight == 0) return double.NaN;
        // every control has the same weight 1/G(t): it cancels between numerator and denominator
        return numerator / (caseWeight * sorted.Length);
    }

    private static int LowerBound(double[] a, double v)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (a[mid] < v) lo = mid + 1; else hi = mid; }
        return lo;
    }

    private static int UpperBound(double[] a, double v)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (a[mid] <= v) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
