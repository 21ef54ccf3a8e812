namespace Radiogenomics.Statistics;

/// <summary>One index of <see cref="ReclassificationImprovement"/> with its SE, z, two-sided p and Wald interval.</summary>
public sealed record ImprovementIndex(double Estimate, double StandardError, double Z, double P, double Lower, double Upper)
{
    internal static ImprovementIndex Of(double estimate, double se, double level)
    {
        double z = estimate / se, q = StandardNormal.Quantile((1 + level) / 2);
        return new ImprovementIndex(estimate, se, z, 2 * StandardNormal.Cdf(-Math.Abs(z)), estimate - q * se, estimate + q * se);
    }
}
