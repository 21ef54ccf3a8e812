namespace Radiogenomics.Statistics.Tests;

/// <summary>Pearson and Spearman tests against R's cor.test(), golden/cor_data.csv and golden/cor_expected.csv.</summary>
public class CorrelationTests
{
    /// <summary>Stated tolerance: 1e-10, relative for estimate/statistic/interval, and for p either absolute or relative.</summary>
    private const double Tolerance = 1e-10;

    private static readonly Lazy<Dictionary<string, (double[] X, double[] Y)>> Data = new(() =>
    {
        var lists = new Dictionary<string, (List<double>, List<double>)>();
        foreach (var r in Golden.Read("cor_data.csv"))
        {
            if (!lists.TryGetValue(r["case"], out var v)) lists[r["case"]] = v = (new List<double>(), new List<double>());
            v.Item1.Add(Golden.Number(r["x"]));
            v.Item2.Add(Golden.Number(r["y"]));
        }
        return lists.ToDictionary(kv => kv.Key, kv => (kv.Value.Item1.ToArray(), kv.Value.Item2.ToArray()));
    });

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var r in Golden.Read("cor_expected.csv")) data.Add(r["case"], r["method"], r["alternative"]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesRCorTest(string name, string method, string alternative)
    {
        var r = Golden.Read("cor_expected.csv").Single(e => e["case"] == name && e["method"] == method && e["alternative"] == alternative);
        var (x, y) = Data.Value[name];
        var alt = alternative switch { "less" => Alternative.Less, "greater" => Alternative.Greater, _ => Alternative.TwoSided };
        var result = method == "pearson" ? PearsonCorrelation.Test(x, y, alt) : SpearmanCorrelation.Test(x, y, alt);

        AssertRelative(Golden.Number(r["estimate"]), result.Estimate, "estimate");
        if (method == "spearman")
        {
            // S lives on [0, (n³ − n)/3]; R's rho = 1 gives S = 0 exactly, ours may carry 1e-16 of rho, so S is compared on its own scale.
            double n = x.Length, s = Golden.Number(r["statistic"]);
            Assert.True(Math.Abs(result.Statistic - s) <= Tolerance * (n * n * n - n) / 6, $"S: R {s:R}, ours {result.Statistic:R}");
        }
        else AssertRelative(Golden.Number(r["statistic"]), result.Statistic, "statistic");
        AssertRelative(Golden.Number(r["df"]), result.DegreesOfFreedom, "df");
        AssertRelative(Golden.Number(r["conf_low"]), result.ConfidenceLower, "conf_low");
        AssertRelative(Golden.Number(r["conf_high"]), result.ConfidenceUpper, "conf_high");
        double p = Golden.Number(r["p"]);
        double diff = Math.Abs(result.PValue - p);
        Assert.True(diff <= Tolerance || diff <= Tolerance * p, $"p: R {p:R}, ours {result.PValue:R}");
    }

    [Fact]
    public void SpearmanUsesExactDistributionOnlyWithoutTiesUpTo1290()
    {
        var (x, y) = Data.Value["n1290_exact_limit"];
        Assert.True(SpearmanCorrelation.Test(x, y).ExactPValue);
        (x, y) = Data.Value["n1291_asymptotic"];
        Assert.False(SpearmanCorrelation.Test(x, y).ExactPValue);
        (x, y) = Data.Value["n110_ties"];
        Assert.False(SpearmanCorrelation.Test(x, y).ExactPValue);
    }

    [Fact]
    public void ExactSpearmanDistributionSumsToOne()
    {
        for (int n = 2; n <= 9; n++)
        {
            Assert.Equal(1.0, SpearmanRhoDistribution.Probability(n, 0, lowerTail: false));
            double max = n * (n * n - 1) / 3.0;
            Assert.Equal(1.0 / Enumerable.Range(1, n).Aggregate(1.0, (a, b) => a * b), SpearmanRhoDistribution.Probability(n, max, lowerTail: false), 15);
        }
    }

    [Fact]
    public void IncompletePairsAreDropped()
    {
        double[] x = [1, 2, double.NaN, 4, 5, 6.5], y = [2, 1, 3, double.NaN, 7, 6];
        var full = PearsonCorrelation.Test(x, y);
        var reduced = PearsonCorrelation.Test([1, 2, 5, 6.5], [2, 1, 7, 6]);
        Assert.Equal(4, full.Count);
        Assert.Equal(reduced.Estimate, full.Estimate);
        Assert.Equal(reduced.PValue, full.PValue);
    }

    [Fact]
    public void ConstantVariableGivesNaN()
    {
        var s = SpearmanCorrelation.Test([1, 1, 1, 1], [1, 2, 3, 4]);
        Assert.True(double.IsNaN(s.Estimate) && double.IsNaN(s.PValue));
        Assert.True(double.IsNaN(PearsonCorrelation.Test([1, 2], [3, 4]).PValue)); // n < 3: R stops; NaN here
    }

    [Fact]
    public void AverageRanksMatchR() =>
        Assert.Equal([2.5, 1, 2.5, 5, 4], Ranks.Average([3, 1, 3, 9, 4]));

    private static void AssertRelative(double expected, double actual, string what)
    {
        if (double.IsNaN(expected)) { Assert.True(double.IsNaN(actual), $"{what}: R NA, ours {actual:R}"); return; }
        if (expected == actual) return;
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Abs(expected), $"{what}: R {expected:R}, ours {actual:R}");
    }
}
