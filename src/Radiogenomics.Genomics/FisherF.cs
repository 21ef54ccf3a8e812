using MathNet.Numerics;

namespace Radiogenomics.Genomics;

/// <summary>
/// R's F distribution where <see cref="RobustFDistributionFit"/> needs it — <c>pf</c> and <c>qf</c> on the log scale, and
/// <c>df</c> — including R's limits: df2 = ∞ is the χ²/df1 distribution, and <c>qf</c> takes that limit already for
/// df2 &gt; 4·10⁵ (with df1 ≤ df2), as R's qf.c does, so results agree with R across the whole range the root search probes.
/// Tail probabilities come from the regularised incomplete beta (gamma) function on the side that keeps them accurate.
/// </summary>
internal static class FisherF
{
    /// <summary>log P(F ≤ x) (<paramref name="upper"/> false) or log P(F &gt; x).</summary>
    public static double LogCdf(double x, double df1, double df2, bool upper)
    {
        if (x <= 0) return upper ? 0 : double.NegativeInfinity;
        if (double.IsPositiveInfinity(x)) return upper ? double.NegativeInfinity : 0;
        if (double.IsPositiveInfinity(df2))
        {
            double chi = x * df1;
            return Math.Log(upper ? SpecialFunctions.GammaUpperRegularized(df1 / 2, chi / 2) : SpecialFunctions.GammaLowerRegularized(df1 / 2, chi / 2));
        }
        // P(F ≤ x) = I_y(df1/2, df2/2) with y = df1·x/(df1·x + df2); the upper tail as I_{1−y}(df2/2, df1/2).
        double denominator = df1 * x + df2;
        return upper
            ? Math.Log(SpecialFunctions.BetaRegularized(df2 / 2, df1 / 2, df2 / denominator))
            : Math.Log(SpecialFunctions.BetaRegularized(df1 / 2, df2 / 2, df1 * x / denominator));
    }

    /// <summary>The density (R's <c>df</c>).</summary>
    public static double Density(double x, double df1, double df2)
    {
        if (x < 0) return 0;
        if (x == 0) return df1 > 2 ? 0 : df1 == 2 ? 1 : double.PositiveInfinity;
        double a = df1 / 2;
        if (double.IsPositiveInfinity(df2))
            // dgamma(x, shape = df1/2, scale = 2/df1)
            return Math.Exp((a - 1) * Math.Log(x) - a * x + a * Math.Log(a) - SpecialFunctions.GammaLn(a));
        double b = df2 / 2;
        double log = a * Math.Log(df1 / df2) + (a - 1) * Math.Log(x) - (a + b) * Log1P(df1 * x / df2)
            - SpecialFunctions.GammaLn(a) + LogGammaRatio(b, a);
        return Math.Exp(log);
    }

    /// <summary>The quantile for a log probability of the lower (<paramref name="upper"/> false) or upper tail (R's <c>qf(log.p = TRUE)</c>).</summary>
    public static double QuantileLog(double logP, double df1, double df2, bool upper)
    {
        if (logP > 0 || double.IsNaN(logP)) return double.NaN;
        if (logP == double.NegativeInfinity) return upper ? double.PositiveInfinity : 0;
        if (logP == 0) return upper ? 0 : double.PositiveInfinity;
        if (df1 <= df2 && df2 > 4e5) df2 = double.PositiveInfinity; // R: qchisq(p, df1)/df1
        // Newton on t = log x for log CDF(e^t) = logP, kept inside a bracket that bisection shrinks when a step leaves it.
        double sign = upper ? -1 : 1;   // the log lower-tail probability rises with t, the upper falls
        double G(double t) => sign * (LogCdf(Math.Exp(t), df1, df2, upper) - logP);
        double lo = -1, hi = 1;
        while (G(lo) > 0) { lo -= 2 * (hi - lo); if (lo < -700) return 0; }
        while (G(hi) < 0) { hi += 2 * (hi - lo); if (hi > 700) return double.PositiveInfinity; }
        double t0 = 0.5 * (lo + hi);
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double g = G(t0);
            if (g == 0) break;
            if (g > 0) hi = t0; else lo = t0;
            double x = Math.Exp(t0);
            // d/dt log CDF = f(x)·x / CDF (lower) or −f(x)·x / (1 − CDF) (upper); sign makes both positive
            double slope = Density(x, df1, df2) * x / Math.Exp(LogCdf(x, df1, df2, upper));
            double next = t0 - g / slope;
            if (!(next > lo && next < hi) || !double.IsFinite(next)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - t0) <= 1e-15 * Math.Max(1, Math.Abs(t0)) || hi - lo <= 1e-15 * Math.Max(1, Math.Abs(t0))) { t0 = next; break; }
            t0 = next;
        }
        return Math.Exp(t0);
    }

    /// <summary>log(1 + x), accurate for small x (Kahan's correction).</summary>
    internal static double Log1P(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>exp(x) − 1, accurate for small x (Kahan's correction).</summary>
    internal static double Expm1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1) return x;
        if (u - 1 == -1) return -1;
        return (u - 1) * x / Math.Log(u);
    }

    /// <summary>lgamma(b + a) − lgamma(b), without the cancellation of the two large terms when b is large (Stirling's series).</summary>
    internal static double LogGammaRatio(double b, double a)
    {
        if (b < 1e4) return SpecialFunctions.GammaLn(b + a) - SpecialFunctions.GammaLn(b);
        static double Series(double z)
        {
            double z2 = z * z;
            return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - 1.0 / (1680 * z2)) / z2) / z2) / z;
        }
        return a * Math.Log(b) + ((b + a - 0.5) * Log1P(a / b) - a) + (Series(b + a) - Series(b));
    }
}
