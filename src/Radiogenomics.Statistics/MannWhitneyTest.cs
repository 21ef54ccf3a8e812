namespace Radiogenomics.Statistics;

/// <summary>
/// <c>wilcox.test(score[class == 1], score[class == 0])</c> two-sided: W = rank sum of the cases − m(m+1)/2; the exact null
/// distribution when both classes have fewer than 50 patients and no score is tied, otherwise the normal approximation
/// with continuity correction and R's tie correction of the variance.
/// </summary>
public static class MannWhitneyTest
{
    public static MannWhitneyResult Compute(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        if (scores.Length != labels.Length) throw new ArgumentException("one label per score");
        var ordered = new List<double>(scores.Length);
        int m = 0;
        for (int i = 0; i < scores.Length; i++) if (labels[i] == 1) { ordered.Add(scores[i]); m++; }
        for (int i = 0; i < scores.Length; i++) if (labels[i] == 0) ordered.Add(scores[i]);
        int n = ordered.Count - m;
        if (m == 0 || n == 0) return new MannWhitneyResult(double.NaN, double.NaN, false, m, n);
        var ranks = Ranks.Average(ordered.ToArray());
        double w = 0;
        for (int i = 0; i < m; i++) w += ranks[i];
        w -= m * (m + 1) / 2.0;
        bool ties = ordered.Distinct().Count() < ordered.Count;
        if (m < 50 && n < 50 && !ties)
        {
            double p = w > m * n / 2.0 ? 1 - Cdf(w - 1, m, n) : Cdf(w, m, n);
            return new MannWhitneyResult(w, Math.Min(2 * p, 1), true, m, n);
        }
        double z = w - m * n / 2.0;
        double tieSum = ordered.GroupBy(v => v).Sum(g => Math.Pow(g.Count(), 3) - g.Count());
        double sigma = Math.Sqrt(m * n / 12.0 * (m + n + 1 - tieSum / ((double)(m + n) * (m + n - 1))));
        z = (z - Math.Sign(z) * 0.5) / sigma;
        double pn = 2 * Math.Min(StandardNormal.Cdf(z), StandardNormal.Cdf(-z));
        return new MannWhitneyResult(w, pn, false, m, n);
    }

    /// <summary>P(W ≤ q) under the null (R's <c>pwilcox(q, m, n)</c>), from the counts of rank sets by U.</summary>
    internal static double Cdf(double q, int m, int n)
    {
        int max = m * n;
        if (q < 0) return 0;
        if (q >= max) return 1;
        // counts[j][u]: ways to choose j of the items seen so far with U statistic u (each chosen item adds the unchosen ones below it)
        var counts = new double[m + 1, max + 1];
        counts[0, 0] = 1;
        for (int item = 0; item < m + n; item++)
            for (int j = Math.Min(m, item + 1); j >= 1; j--)
            {
                int below = item - (j - 1); // unchosen items before this one when it is the j-th chosen
                if (below < 0 || below > n) continue;
                for (int u = max; u >= below; u--) counts[j, u] += counts[j - 1, u - below];
            }
        double total = 0, cum = 0;
        int qi = (int)Math.Floor(q + 1e-7);
        for (int u = 0; u <= max; u++)
        {
            total += counts[m, u];
            if (u <= qi) cum += counts[m, u];
        }
        return cum / total;
    }
}
