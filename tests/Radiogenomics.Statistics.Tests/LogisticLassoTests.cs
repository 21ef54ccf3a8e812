namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// <see cref="LogisticLasso"/> against <c>glmnet(x, y, family = "binomial", alpha)</c> 4.1-6 at its defaults (thresh 1e-7,
/// not converged: the same algorithm, not the optimum) on five simulated designs the code was not tuned on: n/p 100/20,
/// 150/10, 60/200 (p &gt; n), 80/120, 120/40 with a constant column; α 1 and 0.5; correlated features on unequal scales.
/// </summary>
public class LogisticLassoTests
{
    /// <summary>Stated tolerance: 1e-5 absolute on every coefficient and intercept at every λ; λ and dev.ratio 1e-8 relative.</summary>
    private const double CoefficientTolerance = 1e-5;
    private const double RelativeTolerance = 1e-8;

    [Theory]
    [MemberData(nameof(LassoGolden.Datasets), MemberType = typeof(LassoGolden))]
    public void PathMatchesGlmnet(string dataset)
    {
        var g = LassoGolden.Instance.Value;
        var (columns, y, _) = g.Data[dataset];
        var expected = g.Path[dataset];
        double alpha = Golden.Number(expected[0]["alpha"]);
        var fit = LogisticLasso.Fit(columns, y, new LogisticLassoOptions { Alpha = alpha });

        Assert.Equal(expected.Count, fit.Steps); // the same early stop of the path
        Assert.Equal(Golden.Number(expected[0]["nulldev"]), fit.NullDeviance, RelativeTolerance * fit.NullDeviance);
        for (int m = 0; m < fit.Steps; m++)
        {
            var row = expected[m];
            double lambda = Golden.Number(row["lambda"]);
            Assert.True(Math.Abs(fit.Lambda[m] - lambda) <= RelativeTolerance * lambda, $"{dataset} step {m + 1}: λ {fit.Lambda[m]} vs {lambda}");
            Assert.True(Math.Abs(fit.DevianceRatio[m] - Golden.Number(row["dev_ratio"])) <= 1e-7, $"{dataset} step {m + 1}: dev.ratio {fit.DevianceRatio[m]} vs {row["dev_ratio"]}");
            Assert.True(Math.Abs(fit.Intercept[m] - Golden.Number(row["intercept"])) <= CoefficientTolerance, $"{dataset} step {m + 1}: intercept {fit.Intercept[m]} vs {row["intercept"]}");
            g.Coefficients.TryGetValue((dataset, m), out var nonZero);
            for (int j = 0; j < columns.Length; j++)
            {
                double r = nonZero is not null && nonZero.TryGetValue(j, out var e) ? e : 0.0;
                Assert.True(Math.Abs(fit.Beta[m][j] - r) <= CoefficientTolerance, $"{dataset} step {m + 1} x{j + 1}: {fit.Beta[m][j]} vs {r}");
            }
            Assert.Equal(int.Parse(row["df"]), fit.Df[m]);
        }
    }

    [Fact]
    public void OneClassIsRefused()
    {
        var x = new[] { new double[] { 1, 2, 3, 4 } };
        var ex = Assert.Throws<ArgumentException>(() => LogisticLasso.Fit(x, new double[] { 1, 1, 1, 0 }));
        Assert.Contains("one class", ex.Message);
    }
}
