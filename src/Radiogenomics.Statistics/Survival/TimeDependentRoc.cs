namespace Radiogenomics.Statistics;

/// <summary>
/// The cumulative/dynamic ROC curve at time t with inverse-probability-of-censoring weights, as
/// <c>riskRegression::Score(plots = "ROC", cens.model = "km")</c> draws it: one point per distinct marker value c (every
/// patient's, highest first), sensitivity = Σ 1/G(Tᵢ−) over cases (events by t) with marker ≥ c over the same sum for all
/// cases, 1 − specificity = the share of controls (event-free after t; their weights 1/G(t) are equal) with marker ≥ c.
/// Its trapezoidal area is <see cref="TimeDependentAuc"/>.
/// </summary>
public static class TimeDependentRoc
{
    public static IReadOnlyList<TimeDependentRocPoint> At(ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<double> marker, double t)
    {
        int n = time.Length;
        if (status.Length != n || marker.Length != n) throw new ArgumentException("time, status and marker differ in length.");
        var censoring = new CensoringDistribution(time, status);
        var order = Enumerable.Range(0, n).ToArray();
        var m = marker.ToArray();
        Array.Sort(order, (a, b) => m[b].CompareTo(m[a]));
        double caseWeight = 0;
        int controls = 0;
        var weight = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (time[i] <= t && status[i] == 1) { weight[i] = 1 / censoring.Before(time[i]); caseWeight += weight[i]; }
            else if (time[i] > t) controls++;
        }
        var points = new List<TimeDependentRocPoint>();
        double tp = 0;
        int fp = 0;
        for (int k = 0; k < n;)
        {
            double c = m[order[k]];
            for (; k < n && m[order[k]] == c; k++)
            {
                int i = order[k];
                if (time[i] <= t && status[i] == 1) tp += weight[i];
                else if (time[i] > t) fp++;
            }
            points.Add(new TimeDependentRocPoint(c, caseWeight > 0 ? tp / caseWeight : double.NaN, controls > 0 ? (double)fp / controls : double.NaN));
        }
        return points;
    }
}
