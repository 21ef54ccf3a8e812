namespace Radiogenomics.Statistics;

/// <summary>Ranks with ties averaged, as R's <c>rank(x, ties.method = "average")</c>.</summary>
public static class Ranks
{
    /// <summary>Writes the 1-based average ranks of <paramref name="values"/> into <paramref name="ranks"/>. NaN is not allowed.</summary>
    public static void Average(ReadOnlySpan<double> values, Span<double> ranks)
    {
        int n = values.Length;
        if (ranks.Length != n) throw new ArgumentException("ranks must have the same length as values.", nameof(ranks));
        var keys = values.ToArray();
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(keys[i])) throw new ArgumentException("NaN cannot be ranked; drop incomplete pairs first.", nameof(values));
            order[i] = i;
        }
        Array.Sort(keys, order);
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            double rank = 0.5 * (start + 1 + end); // mean of the positions start+1 .. end
            for (int j = start; j < end; j++) ranks[order[j]] = rank;
            start = end;
        }
    }

    /// <summary>Returns the average ranks of <paramref name="values"/>.</summary>
    public static double[] Average(ReadOnlySpan<double> values)
    {
        var ranks = new double[values.Length];
        Average(values, ranks);
        return ranks;
    }

    /// <summary>Number of distinct values (R's <c>length(unique(x))</c>).</summary>
    internal static int DistinctCount(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        int count = sorted.Length > 0 ? 1 : 0;
        for (int i = 1; i < sorted.Length; i++) if (sorted[i] != sorted[i - 1]) count++;
        return count;
    }
}
