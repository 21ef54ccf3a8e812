namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// coxph (survival 3.5-3) parity on rotterdam, gbsg and seeded simulations: golden/cox_coefficients.csv and cox_tests.csv.
/// Stated tolerances: coef, SE, log-likelihoods 1e-6 relative (the bar), z / HR limits / tests 1e-6 relative,
/// p 1e-6 relative or 1e-12 absolute, concordance and its SE 1e-8 relative.
/// </summary>
public class CoxRegressionTests
{
    private const double Tolerance = 1e-6;
    private const double ConcordanceTolerance = 1e-8;

    public static TheoryData<string, string, string, int> Cases()
    {
        var data = new TheoryData<string, string, string, int>();
        foreach (var r in Golden.Read("cox_tests.csv")) data.Add(r["dataset"], r["model"], r["ties"], int.Parse(r["strata"]));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesCoxph(string dataset, string model, string ties, int strata)
    {
        var d = SurvivalGolden.Get(dataset);
        var expected = Golden.Read("cox_coefficients.csv")
            .Where(r => r["dataset"] == dataset && r["model"] == model && r["ties"] == ties && int.Parse(r["strata"]) == strata).ToList();
        var tests = Golden.Read("cox_tests.csv").Single(r => r["dataset"] == dataset && r["model"] == model && r["ties"] == ties && int.Parse(r["strata"]) == strata);
        var sample = new SurvivalSample(d.Time, d.Status, strata == 1 ? d.Stratum : null);
        var fit = CoxRegression.Fit(sample, expected.Select(r => d.Column(r["term"])).ToList(), ties == "efron" ? CoxTies.Efron : CoxTies.Breslow);

        Assert.True(fit.Converged);
        for (int j = 0; j < expected.Count; j++)
        {
            var r = expected[j];
            string term = r["term"];
            SurvivalGolden.Near(Golden.Number(r["coef"]), fit.Coefficients[j], Tolerance, $"{term} coef");
            SurvivalGolden.Near(Golden.Number(r["se"]), fit.StandardErrors[j], Tolerance, $"{term} se");
            SurvivalGolden.Near(Golden.Number(r["z"]), fit.Z(j), Tolerance, $"{term} z");
            SurvivalGolden.Near(Golden.Number(r["p"]), fit.P(j), Tolerance, $"{term} p", floor: 1e-6);
            SurvivalGolden.Near(Golden.Number(r["hr"]), fit.HazardRatio(j), Tolerance, $"{term} hr");
            SurvivalGolden.Near(Golden.Number(r["hr_lower95"]), fit.HazardRatioLower95(j), Tolerance, $"{term} lower");
            SurvivalGolden.Near(Golden.Number(r["hr_upper95"]), fit.HazardRatioUpper95(j), Tolerance, $"{term} upper");
        }
        Assert.Equal(int.Parse(tests["n"]), fit.Count);
        Assert.Equal(int.Parse(tests["nevent"]), fit.EventCount);
        Assert.Equal(int.Parse(tests["df"]), fit.DegreesOfFreedom);
        SurvivalGolden.Near(Golden.Number(tests["loglik_null"]), fit.LogLikelihoodNull, Tolerance, "loglik null");
        SurvivalGolden.Near(Golden.Number(tests["loglik"]), fit.LogLikelihood, Tolerance, "loglik");
        SurvivalGolden.Near(Golden.Number(tests["wald"]), fit.Wald, Tolerance, "wald");
        SurvivalGolden.Near(Golden.Number(tests["lr"]), fit.LikelihoodRatio, Tolerance, "lr", floor: 1e-3);
        SurvivalGolden.Near(Golden.Number(tests["score"]), fit.Score, Tolerance, "score");
        SurvivalGolden.Near(Golden.Number(tests["concordance"]), fit.Concordance!.Concordance, ConcordanceTolerance, "concordance");
        SurvivalGolden.Near(Golden.Number(tests["concordance_se"]), fit.Concordance.StandardError, ConcordanceTolerance, "concordance se");
    }

    [Fact]
    public void CollinearCovariatesDoNotConverge()
    {
        var d = SurvivalGolden.Get("sim_ties");
        var twice = d.X[0].Select(v => 2 * v).ToArray();
        var fit = CoxRegression.Fit(new SurvivalSample(d.Time, d.Status), [d.X[0], twice]);
        Assert.False(fit.Converged);
        Assert.True(double.IsNaN(fit.StandardErrors[0]));
    }

    [Fact]
    public void ReusedBuffersGiveTheSameFitAfterLargerAndWiderFits()
    {
        // the fit keeps its buffers per thread: a fit after a larger, wider or stratified one must not see their leftovers
        var small = SurvivalGolden.Get("sim_small");
        var large = SurvivalGolden.Get("rotterdam");
        var smallSample = new SurvivalSample(small.Time, small.Status);
        List<double[]> smallColumns = [small.X[1], small.X[4]];
        var first = CoxRegression.Fit(smallSample, smallColumns);
        CoxRegression.Fit(new SurvivalSample(large.Time, large.Status, large.Stratum), [.. large.X, .. large.X.Take(3).Select(c => c.Select(v => v * v).ToArray())], CoxTies.Breslow);
        var again = CoxRegression.Fit(smallSample, smallColumns);
        Assert.Equal(first.Coefficients, again.Coefficients);
        Assert.Equal(first.StandardErrors, again.StandardErrors);
        Assert.Equal(first.LogLikelihood, again.LogLikelihood);
        Assert.Equal(first.Score, again.Score);
        Assert.Equal(first.LinearPredictor, again.LinearPredictor);
    }
}
