namespace Radiogenomics.Statistics;

/// <summary>R's <c>quantile(x, probs, type = 7, na.rm = TRUE)</c>, with R's interpolation form.</summary>
public static class RQuantile
{
    /// <summary>
    /// index = 1 + (n − 1)·p; lo = ⌊index⌋, hi = ⌈index⌉; q = (1 − h)·x[lo] + h·x[hi] with h = index − lo (R writes it this way,
    /// not x[lo] + h·(x[hi] − x[lo]); the two differ in the last bits). NaN values are dropped; no value gives NaN.
    /// </summary>
    public static double Type7(ReadOnlySpan<double> values, double p)
    {
        var sorted = Sorted(values);
        return Type7Sorted(sorted, p);
    }

    /// <summary>Several probabilities of the same data (one sort).</summary>
    public static double[] Type7(ReadOnlySpan<double> values, params double[] probs)
    {
        var sorted = Sorted(values);
        var result = new double[probs.Length];
        for (int i = 0; i < probs.Length; i++) result[i] = Type7Sorted(sorted, probs[i]);
        return result;
    }

    private static double[] Sorted(ReadOnlySpan<double> values)
    {
        var list = new List<double>(values.Length);
        foreach (double v in values) if (!double.IsNaN(v)) list.Add(v);
        var sorted = list.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static double Type7Sorted(double[] x, double p)
    {
        int n = x.Length;
        if (n == 0) return double.NaN;
        double index = 1 + Math.Max(n - 1, 0) * p;
        int lo = (int)Math.Floor(index), hi = (int)Math.Ceiling(index);
        double qs = x[lo - 1];
        if (index > lo && x[hi - 1] != qs)
        {
            double h = index - lo;
            qs = (1 - h) * qs + h * x[hi - 1];
        }
        return qs;
    }
}
