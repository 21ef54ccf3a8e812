namespace Radiogenomics.Statistics.Tests;

/// <summary>survdiff parity (ρ = 0 and 1, with and without strata): golden/logrank.csv and logrank_groups.csv. Stated tolerance: χ² 1e-8 relative, observed/expected 1e-10 relative.</summary>
public class LogRankTests
{
    public static TheoryData<string, int, int> Cases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var r in Golden.Read("logrank.csv")) data.Add(r["dataset"], (int)Golden.Number(r["rho"]), int.Parse(r["strata"]));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesSurvdiff(string dataset, int rho, int strata)
    {
        var d = SurvivalGolden.Get(dataset);
        var levels = d.Group.Distinct().Order().ToList();
        var codes = d.Group.Select(g => levels.IndexOf(g)).ToArray();
        var result = LogRankTest.Test(new SurvivalSample(d.Time, d.Status, strata == 1 ? d.Stratum : null), codes, levels.Count, rho);
        var r = Golden.Read("logrank.csv").Single(e => e["dataset"] == dataset && (int)Golden.Number(e["rho"]) == rho && int.Parse(e["strata"]) == strata);
        SurvivalGolden.Near(Golden.Number(r["chisq"]), result.ChiSquare, 1e-8, "chisq");
        Assert.Equal((int)Golden.Number(r["df"]), result.DegreesOfFreedom);
        SurvivalGolden.Near(Golden.Number(r["p"]), result.P, 1e-8, "p", floor: 1e-8);
        foreach (var g in Golden.Read("logrank_groups.csv").Where(e => e["dataset"] == dataset && (int)Golden.Number(e["rho"]) == rho && int.Parse(e["strata"]) == strata))
        {
            int k = levels.IndexOf(int.Parse(g["group"]));
            Assert.Equal((int)Golden.Number(g["n"]), result.Count[k]);
            SurvivalGolden.Near(Golden.Number(g["observed"]), result.Observed[k], 1e-10, $"group {g["group"]} observed");
            SurvivalGolden.Near(Golden.Number(g["expected"]), result.Expected[k], 1e-10, $"group {g["group"]} expected");
        }
    }
}
