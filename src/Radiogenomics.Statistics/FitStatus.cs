namespace Radiogenomics.Statistics;

/// <summary>Outcome of a random-intercept fit (<see cref="LinearMixedModel"/>).</summary>
public enum FitStatus
{
    /// <summary>Interior REML optimum; every field is valid.</summary>
    Ok = 0,

    /// <summary>
    /// The REML optimum is on the boundary σ_b² = 0; estimates and tests are valid (GLS with σ_b² = 0, i.e. OLS on the images).
    /// nlme cannot reach the boundary (it optimises log σ_b) and reports a tiny positive σ_b² instead.
    /// </summary>
    BoundaryZeroPatientVariance,

    /// <summary>
    /// Every patient has one image, so only σ² + σ_b² is identifiable: the REML likelihood is flat in the split.
    /// β, SE, t and p are valid (they equal OLS on the patient values, which nlme also returns);
    /// σ² and σ_b² are NaN and <see cref="RandomInterceptFit.TotalVariance"/> holds the identifiable sum.
    /// </summary>
    VarianceComponentsNotIdentifiable,

    /// <summary>
    /// All images of every patient are equal (SSW = 0) or σ²/σ_b² fell below 1e-15: the REML likelihood increases without bound as σ² → 0.
    /// β, SE, t, p are the σ² → 0 limit (OLS on the patient means, unweighted), σ² = 0, log-likelihood +∞.
    /// nlme stops at σ² ≈ 1e-32 and returns the same estimates to within its tolerance.
    /// </summary>
    ZeroResidualVariance,

    /// <summary>The response is identical for every image (nlme: "false convergence" error). β0 = that value, β1 = 0, no test.</summary>
    ConstantResponse,

    /// <summary>SSW = 0 and the patient means lie exactly on a line in x: zero residual variance, no test.</summary>
    PerfectFit,

    /// <summary>x is constant across patients by nlme's own rule (relative spread below √ε); X is singular (nlme: "Singularity in backsolve").</summary>
    ConstantCovariate,

    /// <summary>Fewer than 3 patients: the slope has m − 2 ≤ 0 degrees of freedom and σ_b² is not estimable.</summary>
    TooFewPatients,

    /// <summary>The covariate is NaN/infinite for some patient with images and the policy is <see cref="MissingCovariatePolicy.Fail"/>.</summary>
    MissingCovariate,

    /// <summary>Some image value is NaN or infinite.</summary>
    NonFiniteResponse,

    /// <summary>The 1-D optimiser did not converge (not observed in testing; reported rather than hidden).</summary>
    NotConverged,
}
