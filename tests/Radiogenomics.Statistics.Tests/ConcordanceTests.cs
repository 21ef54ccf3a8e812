namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// Harrell's C of a score against survival's concordance(reverse = TRUE): golden/concordance.csv (make_survival_golden.R)
/// and golden/concordance_strata.csv (make_concordance_golden.R: gbsg by grade and 6,000 simulated patients in 3 strata
/// with many tied times and scores, with and without strata and ymax). Stated tolerance: counts exact, C and SE 1e-8
/// relative. The O(n log n) sweeps are also checked pair by pair against the definition on random data.
/// </summary>
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
        AssertMatches(r, c, $"{dataset} {score}");
    }

    private static readonly Lazy<Dictionary<string, List<Dictionary<string, string>>>> StrataData =
        new(() => Golden.Read("concordance_data.csv").GroupBy(r => r["dataset"]).ToDictionary(g => g.Key, g => g.ToList()));

    public static TheoryData<string, string> StrataCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var g in Golden.Read("concordance_strata.csv").GroupBy(r => (r["dataset"], r["score"]))) data.Add(g.Key.Item1, g.Key.Item2);
        return data;
    }

    [Theory]
    [MemberData(nameof(StrataCases))]
    public void MatchesConcordanceWithStrataTiesAndYmax(string dataset, string score)
    {
        var rows = StrataData.Value[dataset];
        var time = rows.Select(r => Golden.Number(r["time"])).ToArray();
        var status = rows.Select(r => (int)Golden.Number(r["status"])).ToArray();
        var stratum = rows.Select(r => (int)Golden.Number(r["stratum"])).ToArray();
        var x = rows.Select(r => Golden.Number(r[score])).ToArray();
        var expected = Golden.Read("concordance_strata.csv").Where(r => r["dataset"] == dataset && r["score"] == score).ToList();
        Assert.Equal(4, expected.Count);
        foreach (var r in expected)
        {
            bool strata = r["strata"] == "1";
            double tau = Golden.Number(r["tau"]);
            var c = HarrellConcordance.Compute(new SurvivalSample(time, status, strata ? stratum : null), x, tau);
            AssertMatches(r, c, $"{dataset} {score} strata={strata} tau={tau}");
        }
    }

    [Theory]
    [InlineData(1, 60, false, double.PositiveInfinity)]
    [InlineData(2, 300, true, double.PositiveInfinity)]
    [InlineData(3, 300, true, 4.0)]
    [InlineData(4, 500, false, 6.0)]
    public void SweepsCountWhatThePairsDefine(int seed, int n, bool strata, double tau)
    {
        var rng = new Random(seed);
        var time = Enumerable.Range(0, n).Select(_ => (double)rng.Next(0, 10)).ToArray();      // many tied times
        var status = Enumerable.Range(0, n).Select(_ => rng.Next(0, 3) == 0 ? 0 : 1).ToArray();
        var stratum = Enumerable.Range(0, n).Select(_ => rng.Next(0, 3)).ToArray();
        var score = Enumerable.Range(0, n).Select(_ => (double)rng.Next(0, 8)).ToArray();     // many tied scores
        var sample = new SurvivalSample(time, status, strata ? stratum : null);
        var fast = HarrellConcordance.Compute(sample, score, tau);
        var pairs = PairwiseConcordance(time, status, strata ? stratum : new int[n], score, tau);
        Assert.Equal(pairs.Concordant, fast.Concordant);
        Assert.Equal(pairs.Discordant, fast.Discordant);
        Assert.Equal(pairs.TiedX, fast.TiedX);
        Assert.Equal(pairs.TiedY, fast.TiedY);
        Assert.Equal(pairs.TiedXY, fast.TiedXY);
        SurvivalGolden.Near(pairs.Concordance, fast.Concordance, 1e-14, "concordance");
        SurvivalGolden.Near(pairs.StandardError, fast.StandardError, 1e-12, "se");
    }

    [Fact]
    public void NaNScoreIsRefused()
    {
        var sample = new SurvivalSample([1, 2, 3], [1, 0, 1]);
        var e = Assert.Throws<ArgumentException>(() => HarrellConcordance.Compute(sample, [0.5, double.NaN, 1]));
        Assert.Contains("score[1]", e.Message);
    }

    /// <summary>The definition, every pair of subjects in a stratum once: O(n²), the reference for the sweeps.</summary>
    private static ConcordanceResult PairwiseConcordance(double[] time, int[] status, int[] stratum, double[] score, double tau)
    {
        int n = time.Length;
        var concordantOf = new double[n];
        var discordantOf = new double[n];
        var tiedOf = new double[n];
        double concordant = 0, discordant = 0, tiedX = 0, tiedY = 0, tiedXY = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                if (stratum[i] != stratum[j]) continue;
                // a: the shorter time (an event before a censoring at the same time); comparable when a is an event ≤ τ
                var (a, b) = time[i] < time[j] || (time[i] == time[j] && status[i] > status[j]) ? (i, j) : (j, i);
                if (status[a] == 0 || time[a] > tau) continue;
                if (time[a] == time[b] && status[b] == 1)
                {
                    if (score[a] == score[b]) tiedXY++; else tiedY++;
                    continue;
                }
                if (score[a] > score[b]) { concordant++; concordantOf[a]++; concordantOf[b]++; }
                else if (score[a] < score[b]) { discordant++; discordantOf[a]++; discordantOf[b]++; }
                else { tiedX++; tiedOf[a]++; tiedOf[b]++; }
            }
        double pairs = concordant + discordant + tiedX, somers = (concordant - discordant) / pairs, variance = 0;
        for (int i = 0; i < n; i++)
        {
            double dfbeta = (concordantOf[i] - discordantOf[i]) / pairs - somers / pairs * (concordantOf[i] + discordantOf[i] + tiedOf[i]);
            variance += dfbeta * dfbeta;
        }
        return new ConcordanceResult(concordant, discordant, tiedX, tiedY, tiedXY, (somers + 1) / 2, Math.Sqrt(variance / 4));
    }

    private static void AssertMatches(Dictionary<string, string> r, ConcordanceResult c, string what)
    {
        Assert.True(Golden.Number(r["concordant"]) == c.Concordant, $"{what}: concordant {c.Concordant}, R {r["concordant"]}");
        Assert.True(Golden.Number(r["discordant"]) == c.Discordant, $"{what}: discordant {c.Discordant}, R {r["discordant"]}");
        Assert.True(Golden.Number(r["tied_x"]) == c.TiedX, $"{what}: tied.x {c.TiedX}, R {r["tied_x"]}");
        Assert.True(Golden.Number(r["tied_y"]) == c.TiedY, $"{what}: tied.y {c.TiedY}, R {r["tied_y"]}");
        Assert.True(Golden.Number(r["tied_xy"]) == c.TiedXY, $"{what}: tied.xy {c.TiedXY}, R {r["tied_xy"]}");
        SurvivalGolden.Near(Golden.Number(r["concordance"]), c.Concordance, 1e-8, what + " concordance");
        SurvivalGolden.Near(Golden.Number(r["se"]), c.StandardError, 1e-8, what + " se");
    }
}
