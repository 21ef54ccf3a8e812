namespace Radiogenomics.Statistics;

/// <summary>
/// Result of fitting <c>y ~ x + (1 | patient)</c> by REML, field for field what
/// <c>summary(nlme::lme(y ~ x, random = ~1 | patient, method = "REML"))</c> reports.
/// Fields that a status leaves undefined are NaN.
/// </summary>
public readonly struct RandomInterceptFit
{
    /// <summary>How the fit ended; see <see cref="HasInference"/>.</summary>
    public FitStatus Status { get; init; }

    /// <summary>Why the status is what it is (a constant string; empty when <see cref="FitStatus.Ok"/>).</summary>
    public string Message { get; init; }

    /// <summary>Patients used (m).</summary>
    public int PatientCount { get; init; }

    /// <summary>Images used (N).</summary>
    public long ImageCount { get; init; }

    /// <summary>β0, the fixed intercept.</summary>
    public double Intercept { get; init; }

    /// <summary>β1, the fixed slope of the patient-level covariate.</summary>
    public double Slope { get; init; }

    /// <summary>SE(β0) = √[(XᵀV⁻¹X)⁻¹]₀₀ with the REML σ̂² (nlme's <c>Std.Error</c>).</summary>
    public double InterceptStandardError { get; init; }

    /// <summary>SE(β1) = √[(XᵀV⁻¹X)⁻¹]₁₁ with the REML σ̂² (nlme's <c>Std.Error</c>).</summary>
    public double SlopeStandardError { get; init; }

    /// <summary>Cov(β0, β1).</summary>
    public double InterceptSlopeCovariance { get; init; }

    /// <summary>Wald t of β0 (nlme's <c>t-value</c>).</summary>
    public double InterceptT { get; init; }

    /// <summary>Wald t of β1 (nlme's <c>t-value</c>).</summary>
    public double SlopeT { get; init; }

    /// <summary>nlme's denominator df for the intercept: max(m − 2, N − m) (nlme:::getFixDF for this design).</summary>
    public double InterceptDegreesOfFreedom { get; init; }

    /// <summary>nlme's denominator df for a patient-level covariate: m − 2.</summary>
    public double SlopeDegreesOfFreedom { get; init; }

    /// <summary>Two-sided p of β0: 2·pt(−|t|, df) as in nlme's <c>p-value</c>.</summary>
    public double InterceptP { get; init; }

    /// <summary>Two-sided p of β1: 2·pt(−|t|, m − 2), the p-value the Liu &amp; Hu script reads (<c>coef(summary(fm))[2,5]</c>).</summary>
    public double SlopeP { get; init; }

    /// <summary>σ², the REML residual (within-patient) variance, nlme's <c>sigma^2</c>.</summary>
    public double ResidualVariance { get; init; }

    /// <summary>σ_b², the REML random-intercept variance.</summary>
    public double PatientVariance { get; init; }

    /// <summary>σ² + σ_b² (the only identifiable variance when every patient has one image).</summary>
    public double TotalVariance { get; init; }

    /// <summary>γ = σ_b² / σ², the quantity actually optimised.</summary>
    public double VarianceRatio { get; init; }

    /// <summary>Restricted log-likelihood at the optimum, nlme's <c>logLik(fit)</c> for REML (no ½log|XᵀX| term).</summary>
    public double RestrictedLogLikelihood { get; init; }

    /// <summary>Profile evaluations used by the optimiser.</summary>
    public int Evaluations { get; init; }

    /// <summary>True when β, SE, t and p are defined (Ok, boundary, not-identifiable split, zero residual variance).</summary>
    public bool HasInference => Status is FitStatus.Ok or FitStatus.BoundaryZeroPatientVariance
        or FitStatus.VarianceComponentsNotIdentifiable or FitStatus.ZeroResidualVariance;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Status}: b0={Intercept:G6} (SE {InterceptStandardError:G4}), b1={Slope:G6} (SE {SlopeStandardError:G4}, t={SlopeT:G4}, df={SlopeDegreesOfFreedom}, p={SlopeP:G4}), " +
        $"s2={ResidualVariance:G4}, sb2={PatientVariance:G4}{(string.IsNullOrEmpty(Message) ? "" : " — " + Message)}";
}
