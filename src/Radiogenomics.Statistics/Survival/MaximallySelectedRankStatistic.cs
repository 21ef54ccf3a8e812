namespace Radiogenomics.Statistics;

/// <summary>
/// The optimal cut-point of a continuous marker for survival as <c>maxstat.test(Surv(time, event) ~ x, smethod =
/// "LogRank", pmethod = "Lau94", minprop, maxprop)</c> (maxstat 0.7) and hence <c>survminer::surv_cutpoint</c>
/// (maxprop = 1 − minprop): log-rank scores of exactRankTests' <c>cscores</c> (ties get the maximal rank), the
/// standardised linear statistic of the scores of the patients at or below each distinct value whose share lies in
/// [minprop, maxprop], the first maximum's value as the cut.
/// </summary>
public static class MaximallySelectedRankStatistic
{
    public static CutpointResult LogRank(ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<double> marker, double minProportion = 0.1, double maxProportion = 0.9)
    {
        int n = time.Length;
        if (status.Length != n || marker.Length != n) throw new ArgumentException("time, status and marker differ in length.");
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(marker[i])) throw new ArgumentException($"marker[{i}] is not a finite number.", nameof(marker));
        var scores = LogRankScores(time, status);

        // y ordered by x (stable, as R's order), x sorted
        var order = Enumerable.Range(0, n).ToArray();
        var m0 = marker.ToArray();
        Array.Sort(order, (a, b) => m0[a] != m0[b] ? m0[a].CompareTo(m0[b]) : a.CompareTo(b));
        var x = order.Select(i => m0[i]).ToArray();
        var y = order.Select(i => scores[i]).ToArray();
        int lowest = Math.Max(1, (int)Math.Floor(n * minProportion)), highest = (int)Math.Floor(n * maxProportion);
        var m = new List<int>();
        for (int i = 1; i < n; i++)
            if (x[i] != x[i - 1] && i >= lowest && i <= highest) m.Add(i); // i = patients below the i-th distinct value
        if (m.Count == 0) throw new ArgumentException($"no cut leaves between {minProportion} and {maxProportion} of the patients on each side (too few distinct values).", nameof(marker));

        double sum = 0, sumSquares = 0;
        foreach (double v in y) { sum += v; sumSquares += v * v; }
        var cumulative = new double[n + 1];
        for (int i = 0; i < n; i++) cumulative[i + 1] = cumulative[i] + y[i];
        var statistics = new double[m.Count];
        var cuts = new double[m.Count];
        double best = double.NegativeInfinity;
        int bestIndex = 0;
        for (int k = 0; k < m.Count; k++)
        {
            int c = m[k];
            double e = (double)c / n * sum;
            double v = (double)c * (n - c) / ((double)n * n * (n - 1)) * (n * sumSquares - sum * sum);
            statistics[k] = Math.Abs((cumulative[c] - e) / Math.Sqrt(v));
            cuts[k] = x[c - 1];
            if (statistics[k] > best) { best = statistics[k]; bestIndex = k; }
        }
        return new CutpointResult(cuts[bestIndex], best, Lausen94(best, n, m), cuts, statistics);
    }

    /// <summary>exactRankTests' log-rank scores: event − Σ over patients with time ≤ own of event / (n − rank + 1), ranks of ties the maximum.</summary>
    internal static double[] LogRankScores(ReadOnlySpan<double> time, ReadOnlySpan<int> status)
    {
        int n = time.Length;
        var t = time.ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => t[a] != t[b] ? t[a].CompareTo(t[b]) : a.CompareTo(b));
        var rank = new int[n]; // 1-based maximal rank
        for (int k = 0; k < n;)
        {
            int end = k;
            while (end + 1 < n && t[order[end + 1]] == t[order[k]]) end++;
            for (int j = k; j <= end; j++) rank[order[j]] = end + 1;
            k = end + 1;
        }
        var cumulative = new double[n + 1];
        for (int k = 0; k < n; k++)
        {
            int i = order[k];
            cumulative[k + 1] = cumulative[k] + status[i] / (double)(n - rank[i] + 1);
        }
        var scores = new double[n];
        for (int i = 0; i < n; i++) scores[i] = status[i] - cumulative[rank[i]];
        return scores;
    }

    // maxstat's pLausen94 over the candidate cuts m
    private static double Lausen94(double b, int n, List<int> m)
    {
        double d = 0;
        for (int k = 0; k + 1 < m.Count; k++)
        {
            double m1 = m[k], m2 = m[k + 1];
            double t = Math.Sqrt(1 - m1 * (n - m2) / ((n - m1) * m2));
            d += 1 / Math.PI * Math.Exp(-b * b / 2) * (t - (b * b / 4 - 1) * t * t * t / 6);
        }
        return 1 - (StandardNormal.Cdf(b) - StandardNormal.Cdf(-b)) + d;
    }
}
