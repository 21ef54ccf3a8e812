namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// Cubic B-spline interpolation helpers (Unser 1999): the recursive prefilter that turns samples into spline
/// coefficients, and the four weights at a fractional offset. Boundaries mirror without repeating the edge
/// sample (scipy.ndimage's 'mirror'), so interpolation at the sample points returns the samples exactly.
/// </summary>
internal static class BSpline
{
    private static readonly double Pole = Math.Sqrt(3) - 2;

    /// <summary>In place: samples along one line (every <paramref name="stride"/>-th value from <paramref name="start"/>) → coefficients.</summary>
    public static void Prefilter(double[] data, int start, int count, int stride, double[] scratch)
    {
        if (count < 2)
        {
            return;
        }
        var z = Pole;
        var c = scratch;
        for (var k = 0; k < count; k++)
        {
            c[k] = 6 * data[start + k * stride]; // gain (1 − z)(1 − 1/z) = 6
        }
        // Causal initialisation for the mirror boundary, exact for any length.
        var zn = Math.Pow(z, count - 1);
        var sum = c[0] + zn * c[count - 1];
        var z2n = zn * zn;
        var zk = z;
        var zr = z2n / z; // z^(2N−3)
        for (var k = 1; k < count - 1; k++)
        {
            sum += (zk + zr) * c[k];
            zk *= z;
            zr /= z;
        }
        c[0] = sum / (1 - z2n);
        for (var k = 1; k < count; k++)
        {
            c[k] += z * c[k - 1];
        }
        c[count - 1] = z / (z * z - 1) * (c[count - 1] + z * c[count - 2]);
        for (var k = count - 2; k >= 0; k--)
        {
            c[k] = z * (c[k + 1] - c[k]);
        }
        for (var k = 0; k < count; k++)
        {
            data[start + k * stride] = c[k];
        }
    }

    /// <summary>Weights of coefficients floor(x) − 1 … floor(x) + 2 at fractional part <paramref name="t"/>.</summary>
    public static void Weights(double t, Span<double> w)
    {
        var t2 = t * t;
        var t3 = t2 * t;
        var u = 1 - t;
        w[0] = u * u * u / 6;
        w[1] = (4 - 6 * t2 + 3 * t3) / 6;
        w[2] = (1 + 3 * t + 3 * t2 - 3 * t3) / 6;
        w[3] = t3 / 6;
    }

    /// <summary>Mirror an index into [0, n): −1 → 1, n → n − 2.</summary>
    public static int Mirror(int i, int n)
    {
        if (n == 1)
        {
            return 0;
        }
        var period = 2 * n - 2;
        i %= period;
        if (i < 0)
        {
            i += period;
        }
        return i < n ? i : period - i;
    }
}
