namespace Radiogenomics.Statistics;

/// <summary>
/// R's <c>pretty(x, n)</c> with its defaults (min.n = n %/% 3, shrink.sml 0.75, high.u.bias 1.5, u5.bias 2.75, bounds TRUE):
/// about n + 1 equally spaced round values (1, 2 or 5 × 10^k apart) that cover the range of x. rms draws every nomogram
/// axis at these values.
/// </summary>
public static class RPretty
{
    public static double[] Of(double low, double high, int n = 5)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high)) throw new ArgumentException("pretty needs a finite range");
        if (low > high) (low, high) = (high, low);
        int minN = n / 3;
        const double shrink = 0.75, h = 1.5, h5 = 0.5 + 1.5 * h, roundingEps = 1e-10;
        double dx = high - low, cell;
        bool small;
        if (dx == 0 && high == 0)
        {
            cell = 1;
            small = true;
        }
        else
        {
            cell = Math.Max(Math.Abs(low), Math.Abs(high));
            double u = 1 + (h5 >= 1.5 * h + 0.5 ? 1 / (1 + h) : 1.5 / (1 + h5));
            u *= Math.Max(1, n) * 2.220446049250313e-16; // DBL_EPSILON
            small = dx < cell * u * 3;
        }
        if (small)
        {
            if (cell > 10) cell = 9 + cell / 10;
            cell *= shrink;
            if (minN > 1) cell /= minN;
        }
        else
        {
            cell = dx;
            if (n > 1) cell /= n;
        }
        double subsmall = Math.Pow(2, -20) * 2.2250738585072014e-308;
        if (cell < subsmall) cell = subsmall;

        double unitBase = Math.Pow(10.0, Math.Floor(Math.Log10(cell)));
        double unit = unitBase, ns;
        if ((ns = 2 * unitBase) - cell < h * (cell - unit))
        {
            unit = ns;
            if ((ns = 5 * unitBase) - cell < h5 * (cell - unit))
            {
                unit = ns;
                if ((ns = 10 * unitBase) - cell < h * (cell - unit)) unit = ns;
            }
        }
        double nsLow = Math.Floor(low / unit + roundingEps), nuHigh = Math.Ceiling(high / unit - roundingEps);
        while (nsLow * unit > low + roundingEps * unit) nsLow--;
        while (nuHigh * unit < high - roundingEps * unit) nuHigh++;
        int k = (int)(0.5 + nuHigh - nsLow), divisions;
        if (k < minN)
        {
            k = minN - k;
            if (nsLow >= 0)
            {
                nuHigh += k / 2;
                nsLow -= k / 2 + k % 2;
            }
            else
            {
                nsLow -= k / 2;
                nuHigh += k / 2 + k % 2;
            }
            divisions = minN;
        }
        else divisions = k;
        // bounds = TRUE: the round bounds, unless rounding put one inside the data
        return Sequence(Math.Min(low, nsLow * unit), Math.Max(high, nuHigh * unit), divisions);
    }

    /// <summary>R's <c>seq.int(from, to, length.out = n + 1)</c> (end points exact, the rest from the nearer end), with pretty's zapping of values within 1e-14 cells of 0.</summary>
    private static double[] Sequence(double from, double to, int divisions)
    {
        int length = divisions + 1;
        var s = new double[length];
        s[0] = from;
        if (length > 1) s[length - 1] = to;
        double by = (to - from) / divisions;
        for (int i = 1; i < length - 1; i++) s[i] = i < length / 2 ? from + i * by : to - (length - 1 - i) * by;
        if (divisions > 0)
        {
            double delta = (to - from) / divisions;
            for (int i = 0; i < length; i++) if (Math.Abs(s[i]) < 1e-14 * delta) s[i] = 0;
        }
        return s;
    }
}
