namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// survfit parity by group: golden/km.csv (every row), km_quantiles.csv (quantile.survfit 0.25/0.5/0.75 with CI) and
/// km_at_times.csv (summary(fit, times, extend = TRUE)). Stated tolerance: counts exact, estimates, std.err, limits 1e-10 relative.
/// </summary>
public class KaplanMeierTests
{
    private const double Tolerance = 1e-10;

    public static TheoryData<string> Datasets()
    {
        var data = new TheoryData<string>();
        foreach (var name in SurvivalGolden.Names) data.Add(name);
        return data;
    }

    private static Dictionary<string, KaplanMeierCurve> Curves(SurvivalGolden d) =>
        d.Group.Distinct().ToDictionary(g => g.ToString(System.Globalization.CultureInfo.InvariantCulture), g =>
        {
            var rows = Enumerable.Range(0, d.Time.Length).Where(i => d.Group[i] == g).ToArray();
            return KaplanMeier.Fit(rows.Select(i => d.Time[i]).ToArray(), rows.Select(i => d.Status[i]).ToArray());
        });

    [Theory]
    [MemberData(nameof(Datasets))]
    public void MatchesSurvfit(string dataset)
    {
        var curves = Curves(SurvivalGolden.Get(dataset));
        foreach (var group in Golden.Read("km.csv").Where(r => r["dataset"] == dataset).GroupBy(r => r["strata"]))
        {
            var curve = curves[group.Key];
            var rows = group.ToList();
            Assert.Equal(rows.Count, curve.Time.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                string what = $"group {group.Key} time {r["time"]}";
                Assert.Equal(Golden.Number(r["time"]), curve.Time[i]);
                Assert.Equal((int)Golden.Number(r["n_risk"]), curve.AtRisk[i]);
                Assert.Equal((int)Golden.Number(r["n_event"]), curve.Events[i]);
                Assert.Equal((int)Golden.Number(r["n_censor"]), curve.Censored[i]);
                SurvivalGolden.Near(Golden.Number(r["surv"]), curve.Survival[i], Tolerance, what + " surv");
                SurvivalGolden.Near(Golden.Number(r["std_err"]), curve.StandardError[i], Tolerance, what + " std.err");
                SurvivalGolden.Near(Golden.Number(r["lower95"]), curve.Lower[i], Tolerance, what + " lower");
                SurvivalGolden.Near(Golden.Number(r["upper95"]), curve.Upper[i], Tolerance, what + " upper");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void QuantilesMatchQuantileSurvfit(string dataset)
    {
        var curves = Curves(SurvivalGolden.Get(dataset));
        foreach (var r in Golden.Read("km_quantiles.csv").Where(r => r["dataset"] == dataset))
        {
            var q = curves[r["strata"]].Quantile(Golden.Number(r["prob"]));
            string what = $"group {r["strata"]} p {r["prob"]}";
            SurvivalGolden.Near(Golden.Number(r["quantile"]), q.Estimate, Tolerance, what + " quantile");
            SurvivalGolden.Near(Golden.Number(r["lower"]), q.Lower, Tolerance, what + " lower");
            SurvivalGolden.Near(Golden.Number(r["upper"]), q.Upper, Tolerance, what + " upper");
        }
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void AtTimesMatchesSummarySurvfit(string dataset)
    {
        var curves = Curves(SurvivalGolden.Get(dataset));
        foreach (var group in Golden.Read("km_at_times.csv").Where(r => r["dataset"] == dataset).GroupBy(r => r["strata"]))
        {
            var rows = group.ToList();
            var at = curves[group.Key].At(rows.Select(r => Golden.Number(r["time"])).ToArray());
            for (int i = 0; i < rows.Count; i++)
            {
                string what = $"group {group.Key} time {rows[i]["time"]}";
                Assert.True((int)Golden.Number(rows[i]["n_risk"]) == at[i].AtRisk, what + $" n.risk {rows[i]["n_risk"]} vs {at[i].AtRisk}");
                Assert.True((int)Golden.Number(rows[i]["n_event"]) == at[i].Events, what + $" n.event {rows[i]["n_event"]} vs {at[i].Events}");
                SurvivalGolden.Near(Golden.Number(rows[i]["surv"]), at[i].Survival, Tolerance, what + " surv");
                SurvivalGolden.Near(Golden.Number(rows[i]["std_err"]), at[i].StandardError, Tolerance, what + " std.err");
            }
        }
    }
}
