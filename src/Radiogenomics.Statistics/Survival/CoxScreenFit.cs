namespace Radiogenomics.Statistics;

/// <summary>
/// One univariable Cox fit of <see cref="CoxScreen"/>: what <see cref="CoxRegression.Fit"/> gives for a single covariate
/// (coefficient, SE, log-likelihoods, Wald and score tests), without the per-subject linear predictor.
/// </summary>
public sealed record CoxScreenFit(double Coefficient, double StandardError, double LogLikelihoodNull, double LogLikelihood,
    double Wald, double Score, int Iterations, bool Converged)
{
    public double LikelihoodRatio => 2 * (LogLikelihood - LogLikelihoodNull);
    public double Z => Coefficient / StandardError;
    public double P => 2 * StandardNormal.Cdf(-Math.Abs(Z));
    public double HazardRatio => Math.Exp(Coefficient);
    public double HazardRatioLower95 => Math.Exp(Coefficient - CoxFit.Z975 * StandardError);
    public double HazardRatioUpper95 => Math.Exp(Coefficient + CoxFit.Z975 * StandardError);
}
