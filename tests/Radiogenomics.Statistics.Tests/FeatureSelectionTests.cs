namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// The in-fold feature selection against R (golden/make_selection_golden.R) on a wide (40 × 60) and a tall (120 × 15)
/// simulated design with unequal scales and a tied feature: <see cref="PrincipalComponents"/> loadings, sdev and scores of
/// training and new rows equal to <c>prcomp(center = TRUE, scale. = TRUE)</c> / <c>predict</c> within 1e-8 (loadings and
/// scores up to each component's sign), the variance-fraction choice as <c>cumsum(sdev²)/p</c>; <see cref="ReliefF"/>
/// weights equal to Kononenko's definition written in R within 1e-10, for k 3 and 10.
/// </summary>
public class FeatureSelectionTests
{
    public static TheoryData<string> Designs => new() { "wide", "tall" };

    private static (double[][] Train, double[] Y, double[][] New) Load(string name)
    {
        var rows = Golden.Read($"selection_{name}.csv");
        var features = rows[0].Keys.Where(k => k.StartsWith('x')).OrderBy(k => int.Parse(k[1..])).ToArray();
        var train = rows.Where(r => r["set"] == "train").ToList();
        var fresh = rows.Where(r => r["set"] == "new").ToList();
        return (features.Select(f => train.Select(r => Golden.Number(r[f])).ToArray()).ToArray(), train.Select(r => Golden.Number(r["y"])).ToArray(),
            features.Select(f => fresh.Select(r => Golden.Number(r[f])).ToArray()).ToArray());
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void PrincipalComponentsMatchPrcomp(string design)
    {
        var (train, _, fresh) = Load(design);
        var pca = PrincipalComponents.Fit(train, 5);
        var loadings = Golden.Read("pca_loadings.csv").Where(r => r["dataset"] == design).ToList();
        var scores = Golden.Read("pca_scores.csv").Where(r => r["dataset"] == design).ToList();
        var trainScores = pca.Transform(train);
        var newScores = pca.Transform(fresh);
        int n = train[0].Length;
        for (int c = 0; c < 5; c++)
        {
            var expected = loadings.Where(r => int.Parse(r["component"]) == c + 1).OrderBy(r => int.Parse(r["feature"])).Select(r => Golden.Number(r["loading"])).ToArray();
            Assert.Equal(Golden.Number(loadings.First(r => int.Parse(r["component"]) == c + 1)["sdev"]), pca.StandardDeviations[c], 1e-8);
            double sign = Math.Sign(expected.Zip(pca.Loadings[c], (a, b) => a * b).Sum());
            for (int j = 0; j < expected.Length; j++)
                Assert.True(Math.Abs(sign * pca.Loadings[c][j] - expected[j]) <= 1e-8, $"{design} PC{c + 1} loading {j + 1}: {sign * pca.Loadings[c][j]} vs {expected[j]}");
            var s = scores.Where(r => int.Parse(r["component"]) == c + 1).OrderBy(r => int.Parse(r["row"])).Select(r => Golden.Number(r["score"])).ToArray();
            for (int i = 0; i < s.Length; i++)
            {
                double ours = sign * (i < n ? trainScores[c][i] : newScores[c][i - n]);
                Assert.True(Math.Abs(ours - s[i]) <= 1e-8, $"{design} PC{c + 1} row {i + 1}: score {ours} vs {s[i]}");
            }
        }
        foreach (var row in Golden.Read("pca_fraction.csv").Where(r => r["dataset"] == design))
            Assert.Equal(int.Parse(row["components"]), PrincipalComponents.Fit(train, 0, Golden.Number(row["fraction"])).Components);
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void ReliefFMatchesDefinition(string design)
    {
        var (train, y, _) = Load(design);
        foreach (int k in new[] { 3, 10 })
        {
            var expected = Golden.Read("relieff_weights.csv").Where(r => r["dataset"] == design && int.Parse(r["k"]) == k)
                .OrderBy(r => int.Parse(r["feature"])).Select(r => Golden.Number(r["weight"])).ToArray();
            var w = ReliefF.Weights(train, y, k);
            for (int j = 0; j < w.Length; j++)
                Assert.True(Math.Abs(w[j] - expected[j]) <= 1e-10, $"{design} k {k} feature {j + 1}: {w[j]} vs {expected[j]}");
        }
    }

    [Fact]
    public void ConstantColumnsGetNoLoadingAndTooManyComponentsAreRefused()
    {
        var x = new[] { new double[] { 1, 2, 3, 5 }, new double[] { 4, 4, 4, 4 }, new double[] { 2, 1, 0, 1 } };
        var pca = PrincipalComponents.Fit(x, 2);
        Assert.All(pca.Loadings, v => Assert.Equal(0, v[1]));
        Assert.Equal(2, pca.TotalVariance);
        Assert.Throws<ArgumentException>(() => PrincipalComponents.Fit(x, 4));
        Assert.Equal(0, ReliefF.Weights(x, [0, 0, 1, 1], 1)[1]);
    }
}
