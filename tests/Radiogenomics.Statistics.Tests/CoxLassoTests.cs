namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// <see cref="CoxLasso"/> against <c>glmnet(x, Surv(time, status), family = "cox", alpha)</c> 4.1-6 at its defaults
/// (thresh 1e-7, not converged: the same algorithm, not the optimum): a 700-patient subset of rotterdam (recurrence, integer
/// day times with censorings tied to events), gbsg, and two seeded simulations the code was not tuned on (150 × 400 AR(1)
/// features with integer times; 220 × 60 with continuous times); α 1 and 0.5.
/// </summary>
public class CoxLassoTests
{
    /// <summary>Stated tolerance: 1e-5 absolute on every coefficient at every λ; λ 1e-8 relative; dev.ratio 1e-7 absolute.</summary>
    private const double CoefficientTolerance = 1e-5;

    [Theory]
    [MemberData(nameof(CoxnetGolden.Fits), MemberType = typeof(CoxnetGolden))]
    public void PathMatchesGlmnet(string dataset, double alpha)
    {
        var g = CoxnetGolden.Instance.Value;
        var data = g.Data[dataset];
        var expected = g.Steps[(dataset, alpha)];
        var fit = CoxLasso.Fit(data.Columns, data.Time, data.Status, new CoxLassoOptions { Alpha = alpha });

        Assert.Equal(expected.Count, fit.Steps); // the same early stop of the path
        double nulldev = Golden.Number(expected[0]["nulldev"]);
        Assert.True(Math.Abs(fit.NullDeviance - nulldev) <= 1e-10 * nulldev, $"nulldev {fit.NullDeviance:R} vs {nulldev:R}");
        double worst = 0;
        for (int m = 0; m < fit.Steps; m++)
        {
            var row = expected[m];
            double lambda = Golden.Number(row["lambda"]);
            Assert.True(Math.Abs(fit.Lambda[m] - lambda) <= 1e-8 * lambda, $"{dataset} step {m + 1}: λ {fit.Lambda[m]:R} vs {lambda:R}");
            Assert.True(Math.Abs(fit.DevianceRatio[m] - Golden.Number(row["dev_ratio"])) <= 1e-7, $"{dataset} step {m + 1}: dev.ratio {fit.DevianceRatio[m]:R} vs {row["dev_ratio"]}");
            g.Path.TryGetValue((dataset, alpha, m), out var nonZero);
            for (int j = 0; j < data.Columns.Length; j++)
            {
                double r = nonZero is not null && nonZero.TryGetValue(data.Features[j], out var e) ? e : 0.0;
                worst = Math.Max(worst, Math.Abs(fit.Beta[m][j] - r));
                Assert.True(Math.Abs(fit.Beta[m][j] - r) <= CoefficientTolerance, $"{dataset} α {alpha} step {m + 1} {data.Features[j]}: {fit.Beta[m][j]:R} vs {r:R}");
            }
            Assert.Equal(int.Parse(row["df"]), fit.Df[m]);
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"{dataset} α {alpha}: largest coefficient deviation {worst:E2}");
    }

    [Fact]
    public void TooFewEventsAreAnArgumentErrorEvenInsideTheCrossValidation()
    {
        // one event, at the last time: glmnet's "fewer than two at risk from the first event on" (its error 30000)
        var x = new[] { Enumerable.Range(0, 12).Select(i => (double)(i % 5)).ToArray(), Enumerable.Range(0, 12).Select(i => (double)(i * i % 7)).ToArray() };
        var time = Enumerable.Range(1, 12).Select(i => (double)i).ToArray();
        var status = Enumerable.Range(0, 12).Select(i => i == 11 ? 1 : 0).ToArray();
        Assert.Throws<ArgumentException>(() => CoxLasso.Fit(x, time, status));
        var folds = Enumerable.Range(0, 12).Select(i => i % 3 + 1).ToArray();
        var ex = Assert.Throws<ArgumentException>(() => CoxLassoCrossValidation.Run(x, time, status, folds));
        Assert.Contains("first event", ex.Message);
    }

    [Fact]
    public void NonPositiveTimesAreRefused()
    {
        var x = new[] { new double[] { 1, 2, 3, 4 }, new double[] { 0, 1, 0, 1 } };
        var ex = Assert.Throws<ArgumentException>(() => CoxLasso.Fit(x, [1, 0, 3, 4], [1, 1, 0, 1]));
        Assert.Contains("positive", ex.Message);
    }
}

/// <summary>
/// <see cref="CoxLassoCrossValidation"/> against <c>cv.glmnet(family = "cox", foldid, type.measure = "deviance" / "C")</c>
/// on the data sets of <see cref="CoxLassoTests"/>: cvm and cvsd per λ to 1e-6 (relative to max(|cvm|, 1)), the same λ.min and λ.1se.
/// </summary>
public class CoxLassoCrossValidationTests
{
    [Theory]
    [MemberData(nameof(CoxnetGolden.CrossValidations), MemberType = typeof(CoxnetGolden))]
    public void CrossValidationMatchesCvGlmnet(string dataset, double alpha, string measure)
    {
        var g = CoxnetGolden.Instance.Value;
        var data = g.Data[dataset];
        var cv = CoxLassoCrossValidation.Run(data.Columns, data.Time, data.Status, data.FoldId,
            measure == "C" ? CoxLassoMeasure.C : CoxLassoMeasure.Deviance, new CoxLassoOptions { Alpha = alpha });
        var expected = g.Cv[(dataset, alpha, measure)];
        Assert.Equal(expected.Count, cv.Cvm.Count);
        double worst = 0;
        for (int s = 0; s < expected.Count; s++)
        {
            double cvm = Golden.Number(expected[s]["cvm"]), cvsd = Golden.Number(expected[s]["cvsd"]);
            worst = Math.Max(worst, Math.Abs(cv.Cvm[s] - cvm) / Math.Max(Math.Abs(cvm), 1));
            Assert.True(Math.Abs(cv.Cvm[s] - cvm) <= 1e-6 * Math.Max(Math.Abs(cvm), 1), $"{dataset} α {alpha} {measure} step {s + 1}: cvm {cv.Cvm[s]:R} vs {cvm:R}");
            Assert.True(Math.Abs(cv.Cvsd[s] - cvsd) <= 1e-6 * Math.Max(Math.Abs(cvsd), 1), $"{dataset} α {alpha} {measure} step {s + 1}: cvsd {cv.Cvsd[s]:R} vs {cvsd:R}");
        }
        var optimum = g.Optimum[(dataset, alpha, measure)];
        Assert.Equal(int.Parse(optimum["index_min"]) - 1, cv.IndexMin);
        Assert.Equal(int.Parse(optimum["index_1se"]) - 1, cv.IndexOneSe);
        Assert.Equal(Golden.Number(optimum["lambda_min"]), cv.LambdaMin, 1e-8 * cv.LambdaMin);
        TestContext.Current.TestOutputHelper?.WriteLine($"{dataset} α {alpha} {measure}: largest cvm deviation {worst:E2}");
    }
}
