using MathNet.Numerics;

namespace Radiogenomics.Statistics;

/// <summary>Upper tail of the χ² distribution (R <c>pchisq(x, df, lower.tail = FALSE)</c>).</summary>
public static class ChiSquared
{
    public static double UpperTail(double x, double df) =>
        double.IsNaN(x) || df <= 0 ? double.NaN : x <= 0 ? 1 : SpecialFunctions.GammaUpperRegularized(df / 2, x / 2);
}
