using MathNet.Numerics;

namespace Radiogenomics.Statistics;

/// <summary>Standard normal distribution function and quantile (R's <c>pnorm</c> / <c>qnorm</c> with mean 0, sd 1).</summary>
public static class StandardNormal
{
    /// <summary>Φ(x) via erfc, accurate in the far lower tail (R <c>pnorm(x)</c>).</summary>
    public static double Cdf(double x) => 0.5 * SpecialFunctions.Erfc(-x / Math.Sqrt(2));

    /// <summary>Φ(x) (<paramref name="lowerTail"/>) or 1 − Φ(x), each computed without cancellation (R <c>pnorm(x, lower.tail=)</c>).</summary>
    public static double Cdf(double x, bool lowerTail) => lowerTail ? Cdf(x) : Cdf(-x);

    /// <summary>Φ⁻¹(p) (R <c>qnorm(p)</c>).</summary>
    public static double Quantile(double p) => -Math.Sqrt(2) * SpecialFunctions.ErfcInv(2 * p);
}
