namespace Radiogenomics.Statistics.Tests;

/// <summary>Properties of <see cref="LinearMixedModel"/> that need no reference: degenerate designs, invariances, the optimiser, the API.</summary>
public class LmmBehaviourTests
{
    private static void Close(double expected, double actual, double relative, string what = "")
    {
        if (expected == actual) return;
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(Math.Abs(expected), 1e-300), $"{what}: expected {expected:R}, got {actual:R}");
    }

    /// <summary>Unweighted OLS of v on x: (b0, b1, se0, se1) with residual variance RSS/(m − 2).</summary>
    private static (double B0, double B1, double Se0, double Se1, double Rss) Ols(double[] x, double[] v)
    {
        int m = x.Length;
        double mx = x.Average(), mv = v.Average(), sxx = 0, sxv = 0;
        for (int i = 0; i < m; i++) { sxx += (x[i] - mx) * (x[i] - mx); sxv += (x[i] - mx) * (v[i] - mv); }
        double b1 = sxv / sxx, b0 = mv - b1 * mx, rss = 0;
        for (int i = 0; i < m; i++) rss += Math.Pow(v[i] - b0 - b1 * x[i], 2);
        double s2 = rss / (m - 2);
        return (b0, b1, Math.Sqrt(s2 * (1.0 / m + mx * mx / sxx)), Math.Sqrt(s2 / sxx), rss);
    }

    [Fact]
    public void FitManyEqualsFitAndAllocatesNothing()
    {
        var g = LmmGolden.Instance;
        var summary = g.Summaries[1];
        var names = g.CovariateNames[1];
        int m = summary.PatientCount;
        var covariates = new double[names.Count * m];
        for (int k = 0; k < names.Count; k++) g.Covariates[(1, names[k])].CopyTo(covariates, k * m);
        var results = new RandomInterceptFit[names.Count];

        LinearMixedModel.FitMany(summary, covariates, results); // warm up (JIT, static messages)
        long before = GC.GetAllocatedBytesForCurrentThread();
        LinearMixedModel.FitMany(summary, covariates, results);
        LinearMixedModel.FitMany(summary, covariates, results, MissingCovariatePolicy.Omit);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);

        for (int k = 0; k < names.Count; k++)
            Assert.Equal(LinearMixedModel.Fit(summary, g.Covariates[(1, names[k])]), results[k]);
    }

    [Fact]
    public void SummaryRefillsInPlaceAndMatchesMoments()
    {
        var rng = new Random(5);
        var a = Simulated.Draw(rng, 30, 1, 10, 1);
        var b = Simulated.Draw(rng, 30, 1, 10, 1);
        var reused = PatientSummary.FromImages(a.Y, a.Patient, 30);
        reused.Load(b.Y, b.Patient);
        var fresh = b.Summary();
        Assert.Equal(fresh.ImageCounts.ToArray(), reused.ImageCounts.ToArray());
        Assert.Equal(fresh.Means.ToArray(), reused.Means.ToArray());
        Assert.Equal(fresh.PatientWithinSumOfSquares.ToArray(), reused.PatientWithinSumOfSquares.ToArray());

        var moments = PatientSummary.FromMoments(fresh.ImageCounts.ToArray().Select(v => (int)v).ToArray(), fresh.Means, fresh.PatientWithinSumOfSquares);
        Assert.Equal(LinearMixedModel.Fit(fresh, b.X), LinearMixedModel.Fit(moments, b.X));
        Assert.Equal(LinearMixedModel.Fit(fresh, b.X), LinearMixedModel.Fit(b.Y, b.Patient, b.X));
    }

    [Fact]
    public void AffineChangesOfYAndXTransformTheFitExactlyAsTheModelDoes()
    {
        var rng = new Random(11);
        var s = Simulated.Draw(rng, 50, 1, 30, 0.7);
        var fit = s.Fit();
        const double a = 1e4, b = -3, c = 42, d = 250; // an offset much larger than the signal would itself round y away
        var y2 = s.Y.Select(v => a + b * v).ToArray();
        var x2 = s.X.Select(v => c + d * v).ToArray();
        var fit2 = LinearMixedModel.Fit(y2, s.Patient, x2);
        Assert.Equal(FitStatus.Ok, fit2.Status);
        // y' = a + b y, x' = c + d x  ⇒  β1' = bβ1/d, β0' = a + bβ0 − β1'c; SEs scale by |b|/|d| and |b|; t, p, γ unchanged.
        Close(b * fit.Slope / d, fit2.Slope, 1e-9, "slope");
        Close(Math.Abs(b / d) * fit.SlopeStandardError, fit2.SlopeStandardError, 1e-9, "se1");
        Close(a + b * fit.Intercept - fit2.Slope * c, fit2.Intercept, 1e-12, "intercept");
        Close(fit.SlopeT * Math.Sign(b), fit2.SlopeT, 1e-8, "t1");
        Close(fit.SlopeP, fit2.SlopeP, 1e-8, "p1");
        Close(fit.VarianceRatio, fit2.VarianceRatio, 1e-8, "gamma");
        Close(b * b * fit.ResidualVariance, fit2.ResidualVariance, 1e-9, "sigma2");
        // nlme's REML logLik has no ½log|XᵀX| term, so it moves with the scale of X too: −(N − 2)log|b| − log|d|.
        Close(fit.RestrictedLogLikelihood - (fit.ImageCount - 2) * Math.Log(Math.Abs(b)) - Math.Log(d), fit2.RestrictedLogLikelihood, 1e-10, "loglik");
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(0.03)]
    [InlineData(0.7)]
    [InlineData(25)]
    public void AnalyticDerivativesMatchFiniteDifferences(double gamma)
    {
        var s = Simulated.Draw(new Random(3), 40, 1, 25, 0.5);
        var summary = s.Summary();
        double h = 1e-5 * gamma;
        var (_, d1, d2) = LinearMixedModel.Deviance(summary, s.X, gamma);
        var plus = LinearMixedModel.Deviance(summary, s.X, gamma + h);
        var minus = LinearMixedModel.Deviance(summary, s.X, gamma - h);
        Close((plus.F - minus.F) / (2 * h), d1, 1e-5, "f'");
        Close((plus.D1 - minus.D1) / (2 * h), d2, 1e-5, "f''");
    }

    /// <summary>
    /// The Newton/bracket optimiser finds the global REML optimum: on 400 random designs (3–80 patients, 1–40 images, σ_b from 0
    /// to 10σ, magnitudes 1e-6 to 1e6) no point of a 600-point grid over γ ∈ {0} ∪ [1e-9, 1e9] has a higher restricted likelihood,
    /// and interior optima have γ·f'(γ) ≈ 0.
    /// </summary>
    [Fact]
    public void OptimiserFindsTheGlobalMaximumOnRandomDesigns()
    {
        var rng = new Random(2024);
        int interior = 0, boundary = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            int m = rng.Next(3, 81);
            int maxN = new[] { 1, 2, 5, 10, 40 }[rng.Next(5)];
            double sigmaB = new[] { 0.0, 0.01, 0.1, 0.5, 2, 10 }[rng.Next(6)];
            double scale = Math.Pow(10, rng.Next(-6, 7));
            var s = Simulated.Draw(rng, m, 1, maxN, sigmaB, beta: rng.NextDouble(), offset: 100 * scale * rng.NextDouble(), scale: scale);
            var summary = s.Summary();
            var fit = LinearMixedModel.Fit(summary, s.X);
            if (fit.Status is FitStatus.VarianceComponentsNotIdentifiable) continue;
            Assert.True(fit.Status is FitStatus.Ok or FitStatus.BoundaryZeroPatientVariance, $"trial {trial}: {fit}");
            double best = LinearMixedModel.Deviance(summary, s.X, 0).F;
            for (int k = 0; k < 600; k++)
                best = Math.Min(best, LinearMixedModel.Deviance(summary, s.X, Math.Pow(10, -9 + 18.0 * k / 599)).F);
            double ours = -2 * fit.RestrictedLogLikelihood;
            Assert.True(ours <= best + 1e-10 * Math.Abs(best), $"trial {trial}: ours {ours:R}, grid {best:R}");
            if (fit.Status == FitStatus.Ok)
            {
                interior++;
                var (_, d1, _) = LinearMixedModel.Deviance(summary, s.X, fit.VarianceRatio);
                Assert.True(Math.Abs(fit.VarianceRatio * d1) < 1e-6, $"trial {trial}: gamma f' = {fit.VarianceRatio * d1:E2}");
            }
            else boundary++;
        }
        Assert.True(interior > 100 && boundary > 20, $"{interior} interior, {boundary} boundary fits");
    }

    [Fact]
    public void BoundaryFitIsOlsOnTheImages()
    {
        // Patient means pulled together: between-patient spread below what the within noise implies ⇒ σ̂_b² = 0.
        var rng = new Random(8);
        var s = Simulated.Draw(rng, 30, 5, 5, 0, beta: 0);
        var y = (double[])s.Y.Clone();
        for (int i = 0; i < 30; i++)
        {
            double mean = Enumerable.Range(0, y.Length).Where(k => s.Patient[k] == i).Average(k => y[k]);
            for (int k = 0; k < y.Length; k++) if (s.Patient[k] == i) y[k] -= 0.8 * mean;
        }
        var fit = LinearMixedModel.Fit(y, s.Patient, s.X);
        Assert.Equal(FitStatus.BoundaryZeroPatientVariance, fit.Status);
        Assert.Contains("singular fit in lme4's terms", fit.Message); // where nlme reports ~1e-8 and lme4 isSingular() is TRUE
        Assert.Equal(0.0, fit.PatientVariance);
        Assert.True(fit.HasInference);
        // γ = 0: GLS is OLS on all images (x repeated per image); σ² = RSS/(N − 2).
        var xi = s.Patient.Select(p => s.X[p]).ToArray();
        var ols = Ols(xi, y);
        Close(ols.B1, fit.Slope, 1e-10, "slope");
        Close(ols.Se1, fit.SlopeStandardError, 1e-10, "se1");
        Close(ols.Rss / (y.Length - 2), fit.ResidualVariance, 1e-10, "sigma2");
    }

    [Fact]
    public void AllSingleImagePatientsGiveOlsAndFlagTheVarianceSplit()
    {
        var s = Simulated.Draw(new Random(1), 25, 1, 1, 1);
        var fit = s.Fit();
        Assert.Equal(FitStatus.VarianceComponentsNotIdentifiable, fit.Status);
        Assert.True(fit.HasInference);
        Assert.True(double.IsNaN(fit.ResidualVariance) && double.IsNaN(fit.PatientVariance));
        var ols = Ols(s.X, s.Y);
        Close(ols.B0, fit.Intercept, 1e-12, "b0");
        Close(ols.B1, fit.Slope, 1e-12, "b1");
        Close(ols.Se1, fit.SlopeStandardError, 1e-12, "se1");
        Close(ols.Rss / 23, fit.TotalVariance, 1e-12, "total");
        Assert.Equal(23, fit.SlopeDegreesOfFreedom);
        Assert.Equal(23, fit.InterceptDegreesOfFreedom); // max(m − 2, N − m) = max(23, 0)
    }

    [Fact]
    public void IdenticalImagesWithinPatientGiveTheSigmaSquaredToZeroLimit()
    {
        var rng = new Random(4);
        var x = Enumerable.Range(0, 12).Select(_ => Simulated.Normal(rng)).ToArray();
        var means = x.Select(v => 0.5 * v + Simulated.Normal(rng)).ToArray();
        var patient = Enumerable.Range(0, 12).SelectMany(i => Enumerable.Repeat(i, 2 + i % 4)).ToArray();
        var y = patient.Select(p => means[p]).ToArray();
        var fit = LinearMixedModel.Fit(y, patient, x);
        Assert.Equal(FitStatus.ZeroResidualVariance, fit.Status);
        Assert.Equal(0.0, fit.ResidualVariance);
        Assert.Equal(double.PositiveInfinity, fit.RestrictedLogLikelihood);
        var ols = Ols(x, means);
        Close(ols.B1, fit.Slope, 1e-12, "b1");
        Close(ols.Se1, fit.SlopeStandardError, 1e-12, "se1");
        Close(ols.Rss / 10, fit.PatientVariance, 1e-12, "sigmab2");
    }

    [Fact]
    public void ExactLineThroughPatientMeansIsAPerfectFit()
    {
        double[] x = [1, 2, 3, 4, 5];
        int[] patient = [0, 0, 1, 2, 2, 3, 4, 4];
        var y = patient.Select(p => 2 + 0.5 * x[p]).ToArray();
        var fit = LinearMixedModel.Fit(y, patient, x);
        Assert.Equal(FitStatus.PerfectFit, fit.Status);
        Assert.False(fit.HasInference);
        Close(0.5, fit.Slope, 1e-12, "slope");
        Assert.True(double.IsNaN(fit.SlopeP));
    }

    [Fact]
    public void ConstantResponseIsFlagged()
    {
        var fit = LinearMixedModel.Fit([3.5, 3.5, 3.5, 3.5, 3.5], [0, 0, 1, 2, 2], [1, 2, 3]);
        Assert.Equal(FitStatus.ConstantResponse, fit.Status);
        Assert.Equal(3.5, fit.Intercept);
        Assert.Equal(0.0, fit.Slope);
        Assert.True(double.IsNaN(fit.SlopeP));
    }

    [Theory]
    [InlineData(0.0, true)]     // exactly constant
    [InlineData(1e-9, true)]    // |x/x1 − 1| < √ε: nlme treats it as constant (and its fit is singular)
    [InlineData(1e-6, false)]   // above nlme's threshold: fitted, and centring keeps it well conditioned
    public void ConstantCovariateFollowsNlmesRule(double spread, bool flagged)
    {
        var s = Simulated.Draw(new Random(2), 20, 1, 5, 1);
        var x = Enumerable.Range(0, 20).Select(i => 7.0 * (1 + spread * (i % 3))).ToArray();
        var fit = LinearMixedModel.Fit(s.Summary(), x);
        if (flagged) Assert.Equal(FitStatus.ConstantCovariate, fit.Status);
        else Assert.True(fit.HasInference, fit.ToString());
    }

    [Fact]
    public void FewerThanThreePatientsIsFlagged()
    {
        var two = LinearMixedModel.Fit([1, 2, 3, 5, 6, 8], [0, 0, 0, 1, 1, 1], [0, 1]);
        Assert.Equal(FitStatus.TooFewPatients, two.Status);
        Close(19.0 / 3 - 2, two.Slope, 1e-14, "slope through the two means"); // nlme: 4.333333, df 0, p NaN
        Close(2, two.Intercept, 1e-14, "intercept");
        Assert.True(double.IsNaN(two.SlopeStandardError) && double.IsNaN(two.SlopeP));
        var one = LinearMixedModel.Fit([1, 2], [0, 0], [1]);
        Assert.Equal(FitStatus.TooFewPatients, one.Status);
        Assert.True(double.IsNaN(one.Slope));
    }

    [Fact]
    public void MissingCovariateFailsOrDropsThePatients()
    {
        var s = Simulated.Draw(new Random(9), 30, 1, 8, 0.8);
        var x = (double[])s.X.Clone();
        x[4] = double.NaN; x[17] = double.PositiveInfinity;
        Assert.Equal(FitStatus.MissingCovariate, LinearMixedModel.Fit(s.Summary(), x).Status);

        var omitted = LinearMixedModel.Fit(s.Summary(), x, MissingCovariatePolicy.Omit);
        var keep = Enumerable.Range(0, s.Y.Length).Where(k => s.Patient[k] != 4 && s.Patient[k] != 17).ToArray();
        var reduced = LinearMixedModel.Fit(keep.Select(k => s.Y[k]).ToArray(), keep.Select(k => s.Patient[k]).ToArray(), s.X.Select((v, i) => i is 4 or 17 ? 0 : v).ToArray());
        // The reduced data still has slots 4 and 17 but with no images: they take no part, like na.omit.
        Assert.Equal(28, omitted.PatientCount);
        Close(reduced.Slope, omitted.Slope, 1e-12, "slope");
        Close(reduced.SlopeStandardError, omitted.SlopeStandardError, 1e-12, "se1");
        Close(reduced.RestrictedLogLikelihood, omitted.RestrictedLogLikelihood, 1e-12, "loglik");
    }

    [Fact]
    public void NonFiniteResponseIsFlagged()
    {
        var fit = LinearMixedModel.Fit([1, double.NaN, 3, 4, 5, 6], [0, 0, 1, 1, 2, 2], [1, 2, 3]);
        Assert.Equal(FitStatus.NonFiniteResponse, fit.Status);
        Assert.False(fit.HasInference);
    }

    [Fact]
    public void InterceptDegreesOfFreedomFollowNlme()
    {
        // nlme:::getFixDF: a patient-level x gets m − 2; the intercept the largest stratum df, max(m − 2, N − m).
        var many = Simulated.Draw(new Random(6), 20, 5, 5, 1).Fit();
        Assert.Equal(18, many.SlopeDegreesOfFreedom);
        Assert.Equal(80, many.InterceptDegreesOfFreedom);
        var few = Simulated.Draw(new Random(6), 20, 1, 2, 1).Fit();
        Assert.Equal(18, few.SlopeDegreesOfFreedom);
        Assert.Equal(Math.Max(18, few.ImageCount - 20), few.InterceptDegreesOfFreedom);
    }

    [Fact]
    public void LargePatientCountsUseThePooledBuffer()
    {
        var s = Simulated.Draw(new Random(10), 700, 1, 4, 0.5); // > 512 patients: ArrayPool path instead of stackalloc
        var fit = s.Fit();
        Assert.Equal(FitStatus.Ok, fit.Status);
        var results = new RandomInterceptFit[2];
        LinearMixedModel.FitMany(s.Summary(), s.X.Concat(s.X).ToArray(), results);
        Assert.Equal(fit, results[0]);
        Assert.Equal(fit, results[1]);
    }

    [Fact]
    public void ArgumentsAreValidated()
    {
        var summary = new PatientSummary(3);
        Assert.Throws<ArgumentException>(() => LinearMixedModel.Fit(summary, new double[2]));
        Assert.Throws<ArgumentException>(() => LinearMixedModel.FitMany(summary, new double[5], new RandomInterceptFit[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => summary.Load([1.0], [3]));
    }
}
