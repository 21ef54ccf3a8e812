namespace Radiogenomics.Statistics;

/// <summary>
/// The G-ρ family of rank tests of survival curves as R's <c>survdiff(Surv(time, status) ~ group + strata(s), rho = ρ)</c>:
/// ρ = 0 the log-rank test, ρ = 1 the Peto–Peto modification of Gehan–Wilcoxon. Weights S(t−)^ρ use the Kaplan–Meier
/// curve of the pooled stratum; observed − expected and the hypergeometric covariance are summed over strata.
/// </summary>
public static class LogRankTest
{
    /// <param name="group">group code per subject, 0 … groups − 1.</param>
    public static LogRankResult Test(SurvivalSample sample, ReadOnlySpan<int> group, int groups, double rho = 0)
    {
        if (group.Length != sample.Count) throw new ArgumentException("group and sample differ in length.", nameof(group));
        int g = groups, n = sample.Count;
        var count = new int[g];
        var observed = new double[g];
        var expected = new double[g];
        var covariance = new double[g * g];
        var atRiskOf = new double[g];
        var deathsOf = new double[g];
        var order = sample.Order;
        var time = sample.Time;
        var status = sample.Status;
        for (int i = 0; i < n; i++)
        {
            if ((uint)group[i] >= (uint)g) throw new ArgumentException($"group[{i}] = {group[i]} is outside 0 … {g - 1}.", nameof(group));
            count[group[i]]++;
        }
        int start = 0;
        while (start < n)
        {
            int stratum = sample.StratumOf(order[start]);
            int end = start;
            while (end < n && sample.StratumOf(order[end]) == stratum) end++;
            Array.Clear(atRiskOf);
            for (int k = start; k < end; k++) atRiskOf[group[order[k]]]++;
            double km = 1;
            int k0 = start;
            while (k0 < end)
            {
                double t = time[order[k0]];
                int k1 = k0;
                Array.Clear(deathsOf);
                double deaths = 0;
                while (k1 < end && time[order[k1]] == t)
                {
                    if (status[order[k1]] == 1) { deathsOf[group[order[k1]]]++; deaths++; }
                    k1++;
                }
                double atRisk = end - k0;
                if (deaths > 0)
                {
                    double w = rho == 0 ? 1 : Math.Pow(km, rho);
                    double spread = atRisk > 1 ? deaths * (atRisk - deaths) / (atRisk - 1) : 0;
                    for (int a = 0; a < g; a++)
                    {
                        observed[a] += w * deathsOf[a];
                        expected[a] += w * deaths * atRiskOf[a] / atRisk;
                        for (int b = 0; b < g; b++)
                            covariance[a * g + b] += w * w * spread * atRiskOf[a] / atRisk * ((a == b ? 1 : 0) - atRiskOf[b] / atRisk);
                    }
                    km *= (atRisk - deaths) / atRisk;
                }
                for (int k = k0; k < k1; k++) atRiskOf[group[order[k]]]--;
                k0 = k1;
            }
            start = end;
        }
        // survdiff: keep the groups with expected events, drop the first of them, solve
        var kept = Enumerable.Range(0, g).Where(a => expected[a] > 0).ToList();
        int df = kept.Count - 1;
        double chiSquare = 0;
        if (df > 0)
        {
            var rest = kept.Skip(1).ToArray();
            int m = rest.Length;
            var v = new double[m * m];
            var diff = new double[m];
            for (int a = 0; a < m; a++)
            {
                diff[a] = observed[rest[a]] - expected[rest[a]];
                for (int b = 0; b < m; b++) v[a * m + b] = covariance[rest[a] * g + rest[b]];
            }
            var factor = SymmetricPositiveDefinite.TryFactor(v, m);
            chiSquare = factor is null ? double.NaN : diff.Zip(factor.Solve(diff), (x, y) => x * y).Sum();
        }
        return new LogRankResult(count, observed, expected, chiSquare, df);
    }
}
