namespace Radiogenomics.Statistics.Tests;

/// <summary><see cref="GaussianElasticNet"/> and <see cref="ElasticNetCrossValidation"/> against glmnet 4.1-6 (golden/make_elastic_net_golden.R).</summary>
public class GaussianElasticNetTests
{
    /// <summary>Stated tolerance: λ relative, intercept, coefficients and R² absolute, at every step of the path.</summary>
    private const double PathTolerance = 1e-5;

    /// <summary>cvm and cvsd absolute at every λ; λ.min and λ.1se the same step.</summary>
    private const double CvTolerance = 1e-6;

    [Theory]
    [MemberData(nameof(ElasticNetGolden.Datasets), MemberType = typeof(ElasticNetGolden))]
    public void PathMatchesGlmnet(string dataset)
    {
        var g = ElasticNetGolden.Instance.Value;
        var (columns, y, _) = g.Data[dataset];
        var fit = GaussianElasticNet.Fit(columns, y, g.Options(dataset));
        var expected = g.Path[dataset];
        Assert.Equal(expected.Count, fit.Steps);
        Assert.Null(fit.Warning);
        Assert.Equal(Golden.Number(expected[0]["nulldev"]), fit.NullDeviance, 1e-9 * fit.NullDeviance);
        for (int s = 0; s < fit.Steps; s++)
        {
            var row = expected[s];
            double lambda = Golden.Number(row["lambda"]);
            Assert.True(Math.Abs(fit.Lambda[s] - lambda) <= PathTolerance * lambda, $"{dataset} step {s + 1}: λ {fit.Lambda[s]} vs {lambda}");
            Assert.Equal(int.Parse(row["df"]), fit.Df[s]);
            Near(Golden.Number(row["dev_ratio"]), fit.DevianceRatio[s], $"{dataset} step {s + 1}: R²");
            Near(Golden.Number(row["intercept"]), fit.Intercept[s], $"{dataset} step {s + 1}: intercept");
            g.Coefficients.TryGetValue((dataset, s), out var nonZero);
            for (int j = 0; j < columns.Length; j++)
            {
                double want = nonZero is not null && nonZero.TryGetValue(j, out var v) ? v : 0;
                Near(want, fit.Beta[s][j], $"{dataset} step {s + 1}: β{j + 1}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ElasticNetGolden.Datasets), MemberType = typeof(ElasticNetGolden))]
    public void CrossValidationMatchesCvGlmnet(string dataset)
    {
        var g = ElasticNetGolden.Instance.Value;
        var (columns, y, folds) = g.Data[dataset];
        var cv = ElasticNetCrossValidation.Run(columns, y, folds, g.Options(dataset));
        var expected = g.Cv[dataset];
        Assert.Equal(expected.Count, cv.Cvm.Count);
        for (int s = 0; s < expected.Count; s++)
        {
            Assert.True(Math.Abs(cv.Cvm[s] - Golden.Number(expected[s]["cvm"])) <= CvTolerance, $"{dataset} step {s + 1}: cvm {cv.Cvm[s]} vs {expected[s]["cvm"]}");
            Assert.True(Math.Abs(cv.Cvsd[s] - Golden.Number(expected[s]["cvsd"])) <= CvTolerance, $"{dataset} step {s + 1}: cvsd {cv.Cvsd[s]} vs {expected[s]["cvsd"]}");
        }
        var opt = g.CvOptimum[dataset];
        Assert.Equal(int.Parse(opt["index_min"]) - 1, cv.IndexMin);
        Assert.Equal(int.Parse(opt["index_1se"]) - 1, cv.IndexOneSe);
        Assert.Equal(Golden.Number(opt["lambda_min"]), cv.LambdaMin, PathTolerance * cv.LambdaMin);
        Assert.Equal(Golden.Number(opt["lambda_1se"]), cv.LambdaOneSe, PathTolerance * cv.LambdaOneSe);
    }

    [Fact]
    public void ConstantResponseIsRefused()
    {
        var columns = new[] { new double[] { 1, 2, 3, 4 }, new double[] { 0, 1, 0, 1 } };
        var ex = Assert.Throws<ArgumentException>(() => GaussianElasticNet.Fit(columns, new double[] { 2, 2, 2, 2 }));
        Assert.Contains("y is constant", ex.Message);
    }

    [Fact]
    public void RidgePathIsDenseAndLassoPathIsSparse()
    {
        var (columns, y, _) = ElasticNetGolden.Instance.Value.Data["n50_p150_a1"];
        var lasso = GaussianElasticNet.Fit(columns, y, new GaussianElasticNetOptions { Alpha = 1 });
        var ridge = GaussianElasticNet.Fit(columns, y, new GaussianElasticNetOptions { Alpha = 0 });
        Assert.True(lasso.Df[^1] < columns.Length);
        Assert.Equal(columns.Length, ridge.Df[1]);
    }

    private static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= PathTolerance, $"{what}: {actual} vs {expected} (|Δ| {Math.Abs(expected - actual):g3})");
}
