namespace Radiogenomics.Statistics.Tests;

/// <summary>Harrell's C of a score against survival's concordance(reverse = TRUE): golden/concordance.csv. Stated tolerance: counts exact, C and SE 1e-8 relative.</summary>
public class ConcordanceTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var r in Golden.Read("concordance.csv")) data.Add(r["dataset"], r["score"]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesConcordance(string dataset, string score)
    {
        var d = SurvivalGolden.Get(dataset);
        var r = Golden.Read("concordance.csv").Single(e => e["dataset"] == dataset && e["score"] == score);
        var c = HarrellConcordance.Compute(new SurvivalSample(d.Time, d.Status), d.Column(score));
        Assert.Equal(Golden.Number(r["concordant"]), c.Concordant);
        Assert.Equal(Golden.Number(r["discordant"]), c.Discordant);
        Assert.Equal(Golden.Number(r["tied_x"]), c.TiedX);
        Assert.Equal(Golden.Number(r["tied_y"]), c.TiedY);
        Assert.Equal(Golden.Number(r["tied_xy"]), c.TiedXY);
        SurvivalGolden.Near(Golden.Number(r["concordance"]), c.Concordance, 1e-8, "concordance");
        SurvivalGolden.Near(Golden.Number(r["se"]), c.StandardError, 1e-8, "se");
    }
}
