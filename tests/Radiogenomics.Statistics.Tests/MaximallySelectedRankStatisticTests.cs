namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// Optimal cut-points against maxstat.test(smethod = "LogRank", pmethod = "Lau94") and survminer::surv_cutpoint:
/// golden/maxstat.csv. Stated tolerance: cut-point and number of candidate cuts equal, M 1e-10 relative, p 1e-8 relative.
/// </summary>
public class MaximallySelectedRankStatisticTests
{
    public static TheoryData<string, string, double> Cases()
    {
        var data = new TheoryData<string, string, double>();
        foreach (var r in Golden.Read("maxstat.csv")) data.Add(r["dataset"], r["marker"], Golden.Number(r["minprop"]));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesMaxstatAndSurvCutpoint(string dataset, string marker, double minprop)
    {
        var d = SurvivalGolden.Get(dataset);
        var r = Golden.Read("maxstat.csv").Single(e => e["dataset"] == dataset && e["marker"] == marker && Golden.Number(e["minprop"]) == minprop);
        var result = MaximallySelectedRankStatistic.LogRank(d.Time, d.Status, d.Column(marker), minprop, 1 - minprop);
        Assert.Equal(Golden.Number(r["cutpoint"]), result.Cutpoint);
        Assert.Equal(Golden.Number(r["surv_cutpoint"]), result.Cutpoint);
        Assert.Equal((int)Golden.Number(r["n_cuts"]), result.Cuts.Count);
        SurvivalGolden.Near(Golden.Number(r["statistic"]), result.Statistic, 1e-10, "M");
        SurvivalGolden.Near(Golden.Number(r["p"]), result.P, 1e-8, "p");
    }
}
