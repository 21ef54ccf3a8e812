namespace Radiogenomics.Statistics.Tests;

/// <summary><see cref="LassoCrossValidation"/> against <c>cv.glmnet(type.measure = "auc", foldid)</c> on the golden designs.</summary>
public class LassoCrossValidationTests
{
    /// <summary>Stated tolerance: cvm and cvsd 1e-6 absolute at every λ; λ.min and λ.1se the same step.</summary>
    private const double Tolerance = 1e-6;

    [Theory]
    [MemberData(nameof(LassoGolden.Datasets), MemberType = typeof(LassoGolden))]
    public void MatchesCvGlmnet(string dataset)
    {
        var g = LassoGolden.Instance.Value;
        var (columns, y, folds) = g.Data[dataset];
        double alpha = Golden.Number(g.Path[dataset][0]["alpha"]);
        var cv = LassoCrossValidation.Run(columns, y, folds, new LogisticLassoOptions { Alpha = alpha });
        var expected = g.Cv[dataset];
        Assert.Equal(expected.Count, cv.Cvm.Count);
        for (int s = 0; s < expected.Count; s++)
        {
            Assert.True(Math.Abs(cv.Cvm[s] - Golden.Number(expected[s]["cvm"])) <= Tolerance, $"{dataset} step {s + 1}: cvm {cv.Cvm[s]} vs {expected[s]["cvm"]}");
            Assert.True(Math.Abs(cv.Cvsd[s] - Golden.Number(expected[s]["cvsd"])) <= Tolerance, $"{dataset} step {s + 1}: cvsd {cv.Cvsd[s]} vs {expected[s]["cvsd"]}");
        }
        var opt = g.CvOptimum[dataset];
        Assert.Equal(int.Parse(opt["index_min"]) - 1, cv.IndexMin);
        Assert.Equal(int.Parse(opt["index_1se"]) - 1, cv.IndexOneSe);
        Assert.Equal(Golden.Number(opt["lambda_min"]), cv.LambdaMin, 1e-8 * cv.LambdaMin);
    }

    [Fact]
    public void TooFewRowsPerFoldIsRefused()
    {
        var g = LassoGolden.Instance.Value;
        var (columns, y, _) = g.Data["n60_p200_a1"];
        var folds = Enumerable.Range(0, y.Length).Select(i => i % 10 + 1).ToArray();
        var ex = Assert.Throws<ArgumentException>(() => LassoCrossValidation.Run(columns, y, folds));
        Assert.Contains("fewer than 10 per fold", ex.Message);
    }
}
