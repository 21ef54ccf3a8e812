using MathNet.Numerics;

namespace Radiogenomics.Statistics;

/// <summary>
/// R <c>qt(p, df, lower.tail = FALSE)</c> for 0 &lt; p &lt; 1: Newton's method on log P(T &gt; t) with
/// <see cref="StudentT.Cdf(double, double, bool)"/> (accurate in the tails), started from the normal quantile.
/// </summary>
public static class StudentTQuantile
{
    public static double Upper(double p, double df)
    {
        if (double.IsNaN(p) || double.IsNaN(df) || p <= 0 || p >= 1 || df <= 0) return double.NaN;
        if (p == 0.5) return 0;
        if (p > 0.5) return -Upper(1 - p, df);
        double t = -StandardNormal.Quantile(p);
        double logP = Math.Log(p);
        double logNorm = SpecialFunctions.GammaLn((df + 1) / 2) - SpecialFunctions.GammaLn(df / 2) - 0.5 * Math.Log(df * Math.PI);
        for (int iter = 0; iter < 200; iter++)
        {
            double upper = StudentT.Cdf(t, df, lowerTail: false);
            double logDensity = logNorm - (df + 1) / 2 * Math.Log(1 + t * t / df);
            // d/dt log P(T > t) = −f(t)/P(T > t)
            double step = (Math.Log(upper) - logP) / Math.Exp(logDensity - Math.Log(upper));
            // keep the iterate positive (the upper tail of p < 0.5 is at t > 0) and damp the first overshoots
            double next = t + step;
            if (next <= 0) next = t / 2;
            if (Math.Abs(next - t) <= 1e-15 * Math.Max(1, Math.Abs(t))) return next;
            t = next;
        }
        return t;
    }
}
