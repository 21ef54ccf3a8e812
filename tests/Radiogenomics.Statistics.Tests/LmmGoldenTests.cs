namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// <see cref="LinearMixedModel"/> against nlme/lme4/lm on R-simulated data (golden/make_golden.R): 38 datasets × 2–5 covariates,
/// unbalanced 1–250 images per patient, 3–150 patients, σ_b from 0 to 10σ, boundary fits, magnitudes 1e-9 to 1e9,
/// missing covariates, and the degenerate designs. Tolerances are stated in <see cref="LmmParity"/>.
/// </summary>
public class LmmGoldenTests
{
    public static TheoryData<int, string, string> Rows()
    {
        var data = new TheoryData<int, string, string>();
        foreach (var (ds, cv, reference) in LmmParity.Rows()) data.Add(ds, cv, reference);
        return data;
    }

    public static TheoryData<int, string, string> FittedRows()
    {
        var data = new TheoryData<int, string, string>();
        var g = LmmGolden.Instance;
        foreach (var (ds, cv, reference) in LmmParity.Rows())
            if (reference != "lm_patient_means" && g.Expected[(ds, cv, reference)]["status"] != "error"
                && LmmParity.FitRow(ds, cv).Status != FitStatus.ZeroResidualVariance)
                data.Add(ds, cv, reference);
        return data;
    }

    /// <summary>End to end: our optimum against the reference's reported fit.</summary>
    [Theory]
    [MemberData(nameof(Rows))]
    public void MatchesReference(int dataset, string covariate, string reference)
    {
        var r = LmmGolden.Instance.Expected[(dataset, covariate, reference)];
        var fit = LmmParity.FitRow(dataset, covariate);

        if (r["status"] == "error")
        {
            // nlme: "Singularity in backsolve" (x constant); lme4: rank deficient; lme4_exact: theta ran off its grid, either because
            // σ² → 0 is the optimum or because the likelihood is flat (every patient has one image).
            if (r["message"].Contains("upper end"))
                Assert.True(fit.Status is FitStatus.ZeroResidualVariance or FitStatus.VarianceComponentsNotIdentifiable, fit.ToString());
            else
                Assert.Equal(FitStatus.ConstantCovariate, fit.Status);
            return;
        }
        Assert.True(fit.HasInference, $"R fitted this row; ours: {fit}");

        if (fit.Status == FitStatus.ZeroResidualVariance && reference != "lm_patient_means")
        {
            // All within-patient variance is 0: the REML likelihood grows without bound as σ² → 0, and nlme stops at σ² ~ 1e-32
            // with numbers its QR can no longer resolve (β differs from the exact limit by several SEs). We only check that nlme,
            // too, drove σ² to zero; the numbers are checked against lm() on the patient means, the exact limit.
            Assert.True(Golden.Number(r["sigma2"]) <= 1e-20 * Golden.Number(r["sigmab2"]), $"R sigma2 {r["sigma2"]}");
            return;
        }

        var failures = LmmParity.Compare(fit, r, LmmParity.For(reference)).Where(d => !d.Passes).ToList();
        Assert.True(failures.Count == 0, string.Join("; ", failures.Select(d => $"{d.Quantity}: {d.Value:E2} > {d.Limit:E0} (ours {d.Ours:R}, R {d.Theirs:R})")));

        if (reference == "lm_patient_means") return;
        // Boundary agreement: we report σ_b² = 0 exactly only where the reference is at (or numerically at) the boundary.
        double gammaR = LmmParity.ReferenceGamma(r);
        if (fit.Status == FitStatus.BoundaryZeroPatientVariance) Assert.True(gammaR <= 1e-6, $"R gamma {gammaR:R}");
        if (r["status"] == "boundary") Assert.Equal(FitStatus.BoundaryZeroPatientVariance, fit.Status);
    }

    /// <summary>Our optimum is at least as high as the reference's (REML is maximised, not just approached).</summary>
    [Theory]
    [MemberData(nameof(FittedRows))]
    public void RestrictedLikelihoodIsAtLeastTheReferences(int dataset, string covariate, string reference)
    {
        var r = LmmGolden.Instance.Expected[(dataset, covariate, reference)];
        var fit = LmmParity.FitRow(dataset, covariate);
        double theirs = Golden.Number(r["loglik"]);
        Assert.True(fit.RestrictedLogLikelihood >= theirs - 1e-11 * Math.Max(1, Math.Abs(theirs)),
            $"ours {fit.RestrictedLogLikelihood:R} < R {theirs:R}");
    }

    /// <summary>
    /// Formula parity, free of any optimiser: our closed form evaluated at the reference's own γ = σ_b²/σ² against the
    /// reference's β, SE, t, p, σ², σ_b², logLik (tolerance <see cref="LmmParity.Formula"/>).
    /// </summary>
    [Theory]
    [MemberData(nameof(FittedRows))]
    public void ClosedFormMatchesReferenceAtItsOwnVarianceRatio(int dataset, string covariate, string reference)
    {
        var g = LmmGolden.Instance;
        var r = g.Expected[(dataset, covariate, reference)];
        var at = LinearMixedModel.FitAtVarianceRatio(g.Summaries[dataset], g.Covariates[(dataset, covariate)], LmmParity.ReferenceGamma(r));
        var failures = LmmParity.Compare(at, r, LmmParity.Formula).Where(d => !d.Passes).ToList();
        Assert.True(failures.Count == 0, string.Join("; ", failures.Select(d => $"{d.Quantity}: {d.Value:E2} > {d.Limit:E0} (ours {d.Ours:R}, R {d.Theirs:R})")));
    }
}
