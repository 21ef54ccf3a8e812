namespace Radiogenomics.Synthetic;

/// <summary>Non-uniform variates built on <see cref="Xoshiro256StarStar"/>; all exact algorithms (no normal approximations) except where noted.</summary>
internal static class RandomVariates
{
    /// <summary>Gamma(shape, scale) by Marsaglia &amp; Tsang (2000); shape &lt; 1 via the boost G(a+1)·U^(1/a).</summary>
    public static double Gamma(this Xoshiro256StarStar rng, double shape, double scale)
    {
        if (shape <= 0) throw new ArgumentOutOfRangeException(nameof(shape));
        if (shape < 1)
            return rng.Gamma(shape + 1, scale) * Math.Pow(rng.NextOpenDouble(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do { x = rng.NextGaussian(); v = 1 + c * x; } while (v <= 0);
            v = v * v * v;
            double u = rng.NextOpenDouble();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
            if (Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v * scale;
        }
    }

    /// <summary>Poisson(λ): multiplication method for λ &lt; 10, Hörmann's PTRS transformed rejection otherwise (as NumPy does).</summary>
    public static long Poisson(this Xoshiro256StarStar rng, double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda < 10)
        {
            double limit = Math.Exp(-lambda), p = 1;
            long k = -1;
            do { k++; p *= rng.NextDouble(); } while (p > limit);
            return k;
        }
        double slam = Math.Sqrt(lambda), loglam = Math.Log(lambda);
        double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            double u = rng.NextDouble() - 0.5, v = rng.NextDouble();
            double us = 0.5 - Math.Abs(u);
            long k = (long)Math.Floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + Math.Log(invAlpha) - Math.Log(a / (us * us) + b) <= -lambda + k * loglam - LogFactorial(k)) return k;
        }
    }

    /// <summary>Negative binomial with mean μ and dispersion φ (variance μ + φμ²), as the gamma–Poisson mixture RNA-seq models assume.</summary>
    public static long NegativeBinomial(this Xoshiro256StarStar rng, double mean, double dispersion)
    {
        if (mean <= 0) return 0;
        if (dispersion <= 1e-9) return rng.Poisson(mean);
        double shape = 1 / dispersion;
        return rng.Poisson(rng.Gamma(shape, mean * dispersion));
    }

    /// <summary>Binomial(n, p): inversion for small n·min(p,1−p), otherwise a normal approximation with continuity correction (only used to split counts by strand).</summary>
    public static long Binomial(this Xoshiro256StarStar rng, long n, double p)
    {
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        bool flip = p > 0.5;
        double q = flip ? 1 - p : p;
        long k;
        if (n * q < 30)
        {
            // Inversion by sequential search of the CDF.
            double r = q / (1 - q), pk = Math.Pow(1 - q, n), u = rng.NextDouble();
            k = 0;
            while (u > pk && k < n)
            {
                u -= pk;
                pk *= r * (n - k) / (k + 1);
                k++;
            }
        }
        else
        {
            double mu = n * q, sd = Math.Sqrt(n * q * (1 - q));
            k = (long)Math.Floor(mu + sd * rng.NextGaussian() + 0.5);
            k = Math.Clamp(k, 0, n);
        }
        return flip ? n - k : k;
    }

    private static readonly double[] SmallLogFactorials = BuildLogFactorials(256);

    private static double[] BuildLogFactorials(int n)
    {
        var t = new double[n];
        for (int i = 1; i < n; i++) t[i] = t[i - 1] + Math.Log(i);
        return t;
    }

    /// <summary>ln k! from a table below 256 and Stirling's series above (error &lt; 1e-14 there).</summary>
    public static double LogFactorial(long k)
    {
        if (k < SmallLogFactorials.Length) return SmallLogFactorials[k];
        double x = k + 1.0, ix = 1 / x, ix2 = ix * ix;
        return (x - 0.5) * Math.Log(x) - x + 0.91893853320467274178 + ix * (1.0 / 12 - ix2 * (1.0 / 360 - ix2 * (1.0 / 1260 - ix2 / 1680)));
    }

    /// <summary>Standard normal quantile Φ⁻¹(p), Acklam's rational approximation (relative error &lt; 1.2e-9).</summary>
    public static double NormalQuantile(double p)
    {
        if (p <= 0) return double.NegativeInfinity;
        if (p >= 1) return double.PositiveInfinity;
        ReadOnlySpan<double> a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        ReadOnlySpan<double> b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        ReadOnlySpan<double> c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        ReadOnlySpan<double> d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425, high = 1 - low;
        if (p < low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > high)
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        {
            double q = p - 0.5, r = q * q;
            return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        }
    }

    /// <summary>Standard normal CDF Φ(x) from Abramowitz–Stegun 7.1.26 for erfc (absolute error below 1.5e-7; only used for prevalences and cut-points).</summary>
    public static double NormalCdf(double x)
    {
        double z = Math.Abs(x) / Math.Sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.Exp(-z * z);
        return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
    }

    /// <summary>A version-4 style UUID (lower-case, 8-4-4-4-12) from 128 random bits: GDC file and case ids look like this.</summary>
    public static string NextUuid(this Xoshiro256StarStar rng)
    {
        ulong hi = rng.NextUInt64(), lo = rng.NextUInt64();
        hi = (hi & 0xFFFFFFFFFFFF0FFFUL) | 0x0000000000004000UL;
        lo = (lo & 0x3FFFFFFFFFFFFFFFUL) | 0x8000000000000000UL;
        string h = hi.ToString("x16"), l = lo.ToString("x16");
        return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{l[..4]}-{l[4..16]}";
    }
}
