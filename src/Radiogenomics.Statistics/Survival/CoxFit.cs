namespace Radiogenomics.Statistics;

/// <summary>
/// A Cox proportional hazards fit as R's <c>coxph</c> reports it: coefficients with their standard errors (inverse of
/// the observed information at the estimate), Wald z and two-sided p, hazard ratios with 95 % Wald intervals, the null
/// and final partial log-likelihoods, the Wald, likelihood-ratio and score (at β = 0) tests, and the concordance of
/// the linear predictor. <see cref="Converged"/> is false when Newton–Raphson stopped at the iteration limit or the
/// information was singular (then the inference is NaN).
/// </summary>
public sealed record CoxFit
{
    public required IReadOnlyList<double> Coefficients { get; init; }
    public required IReadOnlyList<double> StandardErrors { get; init; }

    /// <summary>Covariance of the coefficients, row-major p×p.</summary>
    public required IReadOnlyList<double> Covariance { get; init; }

    public required int Count { get; init; }
    public required int EventCount { get; init; }
    public required double LogLikelihoodNull { get; init; }
    public required double LogLikelihood { get; init; }
    public required double Wald { get; init; }
    public required double Score { get; init; }
    public required int Iterations { get; init; }
    public required bool Converged { get; init; }

    /// <summary>Centred linear predictor per subject (input order), as coxph's <c>linear.predictors</c>.</summary>
    public required IReadOnlyList<double> LinearPredictor { get; init; }

    /// <summary>Harrell's concordance of the linear predictor (coxph's <c>concordance</c>), or null when not computed.</summary>
    public ConcordanceResult? Concordance { get; init; }

    public int DegreesOfFreedom => Coefficients.Count;
    public double LikelihoodRatio => 2 * (LogLikelihood - LogLikelihoodNull);
    public double Z(int j) => Coefficients[j] / StandardErrors[j];
    public double P(int j) => 2 * StandardNormal.Cdf(-Math.Abs(Z(j)));
    public double HazardRatio(int j) => Math.Exp(Coefficients[j]);
    public double HazardRatioLower95(int j) => Math.Exp(Coefficients[j] - Z975 * StandardErrors[j]);
    public double HazardRatioUpper95(int j) => Math.Exp(Coefficients[j] + Z975 * StandardErrors[j]);

    /// <summary>qnorm(0.975), as summary.coxph uses.</summary>
    public static readonly double Z975 = StandardNormal.Quantile(0.975);
}
