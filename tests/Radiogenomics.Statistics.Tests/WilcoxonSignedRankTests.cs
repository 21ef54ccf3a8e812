namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// WilcoxonSignedRankTest against R 4.2.2's wilcox.test(paired = TRUE) (golden/make_wilcoxon_golden.R): six seeded
/// data sets (exact and normal, ties, zero differences) × alternative × exact × correct × mu; V equal, p ≤ 1e-10.
/// </summary>
public class WilcoxonSignedRankTests
{
    [Fact]
    public void Matches_wilcox_test_paired_in_every_setting()
    {
        var data = Golden.Read("wilcoxon_data.csv").GroupBy(r => r["case"])
            .ToDictionary(g => g.Key, g => (X: g.Select(r => Golden.Number(r["x"])).ToArray(), Y: g.Select(r => Golden.Number(r["y"])).ToArray()));
        var expected = Golden.Read("wilcoxon_expected.csv");
        Assert.Equal(144, expected.Count);
        int exactCases = 0;
        foreach (var row in expected)
        {
            var (x, y) = data[row["case"]];
            var alternative = row["alternative"] switch { "two.sided" => Alternative.TwoSided, "greater" => Alternative.Greater, _ => Alternative.Less };
            var result = WilcoxonSignedRankTest.Paired(x, y, alternative, Golden.Number(row["mu"]), row["exact"] == "FALSE" ? false : null, row["correct"] == "TRUE");
            string where = $"{row["case"]} {row["alternative"]} exact={row["exact"]} correct={row["correct"]} mu={row["mu"]}";
            Assert.True(Golden.Number(row["statistic"]) == result.Statistic, $"{where}: V {result.Statistic} vs {row["statistic"]}");
            Assert.True(Math.Abs(Golden.Number(row["p"]) - result.PValue) <= 1e-10, $"{where}: p {result.PValue:R} vs {row["p"]}");
            Assert.Equal(row["method"].Contains("exact", StringComparison.Ordinal), result.Exact);
            Assert.Equal(row["method"].Contains("continuity", StringComparison.Ordinal), result.ContinuityCorrected);
            if (result.Exact) exactCases++;
        }
        Assert.True(exactCases >= 12, $"{exactCases} exact cases"); // both branches are exercised
    }

    [Fact]
    public void The_exact_distribution_sums_to_one_and_is_symmetric()
    {
        for (int n = 1; n <= 30; n++)
        {
            int max = n * (n + 1) / 2;
            Assert.Equal(1, WilcoxonSignedRankTest.SignRankLower(max, n), 12);
            for (int q = 0; q <= max; q++)
                Assert.Equal(WilcoxonSignedRankTest.SignRankLower(q, n), WilcoxonSignedRankTest.SignRankUpper(max - q - 1, n), 12);
        }
    }

    [Fact]
    public void Bad_input_fails_clearly()
    {
        Assert.Throws<ArgumentException>(() => WilcoxonSignedRankTest.Paired([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => WilcoxonSignedRankTest.Paired([1, 2], [1, 2]));
    }
}
