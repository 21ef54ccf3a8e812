namespace Radiogenomics.Plotting;

/// <summary>
/// The value range mapped onto a colour scale: values at or below <see cref="Low"/> get the first colour,
/// values at or above <see cref="High"/> the last. Radiology's window/level is the same thing centred on the level.
/// </summary>
public readonly record struct DisplayWindow(double Low, double High)
{
    /// <summary>Window width and centre (level), as on a PACS viewer.</summary>
    public static DisplayWindow FromWindowLevel(double window, double level) => new(level - window / 2, level + window / 2);

    public double Width => High - Low;
    public double Level => (Low + High) / 2;

    /// <summary>Position of <paramref name="value"/> on the scale, clamped to [0, 1]; NaN stays NaN.
    /// A degenerate window (High ≤ Low) maps values inside it to 0.5, so a constant image shows mid-scale.</summary>
    public double Normalize(double value)
    {
        if (double.IsNaN(value)) return double.NaN;
        double w = High - Low;
        if (!(w > 0)) return value < Low ? 0 : value > High ? 1 : 0.5;
        double t = (value - Low) / w;
        return t <= 0 ? 0 : t >= 1 ? 1 : t;
    }

    /// <summary>Minimum and maximum of the finite values; (0, 1) when there are none.</summary>
    public static DisplayWindow MinMax(ReadOnlySpan<float> values)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!float.IsFinite(v)) continue;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        return lo > hi ? new DisplayWindow(0, 1) : new DisplayWindow(lo, hi);
    }

    /// <summary>Minimum and maximum over several images (a shared window).</summary>
    public static DisplayWindow MinMax(IEnumerable<GreyImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var img in images)
        {
            var w = MinMax(img.Data);
            if (!HasFinite(img.Data)) continue;
            lo = Math.Min(lo, w.Low);
            hi = Math.Max(hi, w.High);
        }
        return lo > hi ? new DisplayWindow(0, 1) : new DisplayWindow(lo, hi);
    }

    /// <summary>
    /// Percentile window (e.g. 1st–99th) of the finite values, with linear interpolation between order
    /// statistics (R's type 7); robust to a few hot pixels that would wash out a min–max window.
    /// </summary>
    public static DisplayWindow Percentile(ReadOnlySpan<float> values, double lowPercent, double highPercent)
    {
        CheckPercentiles(lowPercent, highPercent);
        var finite = new List<float>(values.Length);
        foreach (var v in values) if (float.IsFinite(v)) finite.Add(v);
        return PercentileOfFinite(finite, lowPercent, highPercent);
    }

    /// <summary>Percentile window over all finite pixels of several images.</summary>
    public static DisplayWindow Percentile(IEnumerable<GreyImage> images, double lowPercent, double highPercent)
    {
        ArgumentNullException.ThrowIfNull(images);
        CheckPercentiles(lowPercent, highPercent);
        var finite = new List<float>();
        foreach (var img in images)
            foreach (var v in img.Data) if (float.IsFinite(v)) finite.Add(v);
        return PercentileOfFinite(finite, lowPercent, highPercent);
    }

    private static DisplayWindow PercentileOfFinite(List<float> finite, double lowPercent, double highPercent)
    {
        if (finite.Count == 0) return new DisplayWindow(0, 1);
        finite.Sort();
        return new DisplayWindow(Quantile(finite, lowPercent / 100), Quantile(finite, highPercent / 100));
    }

    private static double Quantile(List<float> sorted, double p)
    {
        double h = (sorted.Count - 1) * p;
        int i = (int)Math.Floor(h);
        if (i >= sorted.Count - 1) return sorted[^1];
        return sorted[i] + (h - i) * ((double)sorted[i + 1] - sorted[i]);
    }

    private static void CheckPercentiles(double low, double high)
    {
        if (!(low >= 0 && low <= high && high <= 100))
            throw new ArgumentOutOfRangeException(nameof(low), $"Percentiles must satisfy 0 ≤ low ≤ high ≤ 100 (got {low} and {high}).");
    }

    private static bool HasFinite(ReadOnlySpan<float> values)
    {
        foreach (var v in values) if (float.IsFinite(v)) return true;
        return false;
    }
}
