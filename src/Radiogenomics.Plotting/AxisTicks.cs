using System.Globalization;

namespace Radiogenomics.Plotting;

/// <summary>"Nice" tick positions (1, 2 or 5 × 10^k apart) and their labels, for axes and colour bars.</summary>
public static class AxisTicks
{
    /// <summary>A step of 1, 2 or 5 × 10^k giving about <paramref name="targetCount"/> intervals over <paramref name="range"/>.</summary>
    public static double NiceStep(double range, int targetCount = 5)
    {
        if (!(range > 0) || !double.IsFinite(range)) return 1;
        double raw = range / Math.Max(1, targetCount);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double f = raw / magnitude;
        double nice = f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>Tick values inside [min, max] (inclusive, with a little tolerance); a single tick when min = max.</summary>
    public static double[] Nice(double min, double max, int targetCount = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) return [];
        if (max < min) (min, max) = (max, min);
        if (max == min) return [min];
        double step = NiceStep(max - min, targetCount);
        double eps = step * 1e-9;
        long first = (long)Math.Ceiling((min - eps) / step), last = (long)Math.Floor((max + eps) / step);
        if (last - first > 1000) return [min, max];
        var ticks = new double[last - first + 1];
        for (long k = first; k <= last; k++)
        {
            double v = k * step;
            ticks[k - first] = Math.Abs(v) < eps ? 0 : v; // no "-0"
        }
        return ticks;
    }

    /// <summary>[min, max] widened outward to whole steps, so an axis starts and ends on a labelled tick.</summary>
    public static (double Min, double Max) NiceRange(double min, double max, int targetCount = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) return (0, 1);
        if (max < min) (min, max) = (max, min);
        if (max == min)
        {
            double pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = NiceStep(max - min, targetCount);
        double eps = step * 1e-9;
        return (Math.Floor((min + eps) / step) * step, Math.Ceiling((max - eps) / step) * step);
    }

    /// <summary>
    /// Label for a tick: just enough decimals for ticks <paramref name="step"/> apart (0.05 → "0.05", 2 → "2"),
    /// scientific notation for very large or very small values. Invariant culture.
    /// </summary>
    public static string Format(double value, double step)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Inf";
        if (double.IsNegativeInfinity(value)) return "-Inf";
        step = Math.Abs(step);
        if (step > 0 && Math.Abs(value) < step * 1e-9) value = 0;
        double magnitude = Math.Max(Math.Abs(value), step);
        if (magnitude >= 1e6 || (step > 0 && step < 1e-4))
            return value == 0 ? "0" : value.ToString("0.###E+0", CultureInfo.InvariantCulture);
        int decimals = step > 0 ? Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9)) : 3;
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
