namespace Radiogenomics.Statistics;

/// <summary>Kaplan–Meier estimation as R's <c>survfit(Surv(time, status) ~ 1)</c> (stype 1, Greenwood, conf.type "log").</summary>
public static class KaplanMeier
{
    public static KaplanMeierCurve Fit(ReadOnlySpan<double> time, ReadOnlySpan<int> status)
    {
        if (time.Length != status.Length) throw new ArgumentException("time and status differ in length.", nameof(status));
        var order = Enumerable.Range(0, time.Length).ToArray();
        var t = time.ToArray();
        Array.Sort(t, order);
        int n = t.Length;
        var times = new List<double>();
        var atRisk = new List<int>();
        var events = new List<int>();
        var censored = new List<int>();
        var survival = new List<double>();
        var standardError = new List<double>();
        var lower = new List<double>();
        var upper = new List<double>();
        double z = StandardNormal.Quantile(0.975);
        double s = 1, greenwood = 0;
        int k = 0;
        while (k < n)
        {
            double current = t[k];
            int risk = n - k, d = 0, c = 0;
            while (k < n && t[k] == current)
            {
                if (status[order[k]] == 1) d++; else c++;
                k++;
            }
            s *= (double)(risk - d) / risk;
            if (d > 0) greenwood = risk == d ? double.PositiveInfinity : greenwood + (double)d / ((double)risk * (risk - d));
            double se = Math.Sqrt(greenwood);
            times.Add(current);
            atRisk.Add(risk);
            events.Add(d);
            censored.Add(c);
            survival.Add(s);
            standardError.Add(se);
            lower.Add(s > 0 ? Math.Exp(Math.Log(s) - z * se) : double.NaN);
            upper.Add(s > 0 ? Math.Min(1, Math.Exp(Math.Log(s) + z * se)) : double.NaN);
        }
        return new KaplanMeierCurve([.. times], [.. atRisk], [.. events], [.. censored], [.. survival], [.. standardError], [.. lower], [.. upper]);
    }
}
