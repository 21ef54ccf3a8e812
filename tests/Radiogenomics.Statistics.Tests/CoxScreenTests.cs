namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// <see cref="CoxScreen"/> (shared risk sets, scalar iterations, parallel features) gives each feature what the single-fit
/// path <see cref="CoxRegression.Fit"/> gives it (itself golden-tested against coxph) to 1e-10 relative: every covariate
/// of rotterdam, gbsg and the simulations, Efron and Breslow, with and without strata, plus a constant feature.
/// </summary>
public class CoxScreenTests
{
    public static IEnumerable<object[]> Cases() => SurvivalGolden.Names.SelectMany(n => new[]
        { new object[] { n, CoxTies.Efron, false }, [n, CoxTies.Breslow, false], [n, CoxTies.Efron, true], [n, CoxTies.Breslow, true] });

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryFeatureEqualsItsSingleFit(string dataset, CoxTies ties, bool strata)
    {
        var d = SurvivalGolden.Get(dataset);
        var sample = new SurvivalSample(d.Time, d.Status, strata ? d.Stratum : null);
        var features = d.X.Append(Enumerable.Repeat(2.5, d.Time.Length).ToArray()).ToList();
        var fits = CoxScreen.Fit(sample, features, ties);
        for (int j = 0; j < features.Count; j++)
        {
            var single = CoxRegression.Fit(sample, [features[j]], ties, concordance: false);
            var screen = fits[j];
            string what = $"{dataset} {ties} strata={strata} feature {j + 1}";
            Assert.Equal(single.Converged, screen.Converged);
            SurvivalGolden.Near(single.LogLikelihoodNull, screen.LogLikelihoodNull, 1e-12, what + " loglik0");
            if (!single.Converged) { Assert.True(double.IsNaN(screen.Coefficient), what); continue; }
            Assert.Equal(single.Iterations, screen.Iterations);
            SurvivalGolden.Near(single.Coefficients[0], screen.Coefficient, 1e-10, what + " coef");
            SurvivalGolden.Near(single.StandardErrors[0], screen.StandardError, 1e-10, what + " se");
            SurvivalGolden.Near(single.LogLikelihood, screen.LogLikelihood, 1e-12, what + " loglik");
            SurvivalGolden.Near(single.Score, screen.Score, 1e-10, what + " score");
            SurvivalGolden.Near(single.Wald, screen.Wald, 1e-10, what + " wald");
            SurvivalGolden.Near(single.P(0), screen.P, 1e-10, what + " p", floor: 1e-300);
        }
    }
}
