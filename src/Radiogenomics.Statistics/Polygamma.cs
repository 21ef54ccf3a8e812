namespace Radiogenomics.Statistics;

/// <summary>
/// ψ, ψ′ and ψ″ for x &gt; 0 (R's <c>digamma</c>, <c>trigamma</c>, <c>psigamma(x, 2)</c>), and limma's <c>trigammaInverse</c>:
/// upward recurrence to x ≥ 10 (15 for ψ″) and the asymptotic Bernoulli series; absolute error ≈ 1e-16.
/// </summary>
public static class Polygamma
{
    public static double Digamma(double x)
    {
        if (double.IsNaN(x) || x <= 0) return double.NaN;
        if (double.IsPositiveInfinity(x)) return double.PositiveInfinity;
        double result = 0;
        while (x < 10) { result -= 1 / x; x += 1; }           // ψ(x) = ψ(x + 1) − 1/x
        double f = 1 / (x * x);
        return result + Math.Log(x) - 0.5 / x
            - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132 - f * (691.0 / 32760 - f / 12))))));
    }

    public static double Trigamma(double x)
    {
        if (double.IsNaN(x) || x <= 0) return double.NaN;
        if (double.IsPositiveInfinity(x)) return 0;
        double result = 0;
        while (x < 10) { result += 1 / (x * x); x += 1; }     // ψ′(x) = ψ′(x + 1) + 1/x²
        double f = 1 / (x * x);
        return result + 1 / x + f / 2
            + f / x * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f * (1.0 / 30 - f * (5.0 / 66 - f * (691.0 / 2730 - f * 7.0 / 6))))));
    }

    public static double Tetragamma(double x)
    {
        if (double.IsNaN(x) || x <= 0) return double.NaN;
        if (double.IsPositiveInfinity(x)) return 0;
        double result = 0;
        while (x < 15) { result -= 2 / (x * x * x); x += 1; } // ψ″(x) = ψ″(x + 1) − 2/x³
        double f = 1 / (x * x);
        return result - f - f / x
            - f * f * (0.5 - f * (1.0 / 6 - f * (1.0 / 6 - f * (3.0 / 10 - f * (5.0 / 6 - f * (691.0 / 210 - f * 35.0 / 2))))));
    }

    /// <summary>limma <c>trigammaInverse(x)</c>: Newton's method on ψ′(y) = x from y = 0.5 + 1/x, stopping when −Δ/y &lt; 1e-8.</summary>
    public static double TrigammaInverse(double x)
    {
        if (double.IsNaN(x) || x < 0) return double.NaN;
        if (x > 1e7) return 1 / Math.Sqrt(x);
        if (x < 1e-6) return 1 / x;
        double y = 0.5 + 1 / x;
        for (int iter = 1; ; iter++)
        {
            double tri = Trigamma(y);
            double dif = tri * (1 - tri / x) / Tetragamma(y);
            y += dif;
            if (-dif / y < 1e-8 || iter > 50) return y;
        }
    }
}
