namespace Radiogenomics.Statistics;

/// <summary>Centring and scaling as R's <c>scale(x)</c>: mean and sample standard deviation (n − 1).</summary>
public static class ZScore
{
    /// <summary>Replaces each value by (x − mean) / sd; a constant column has no scale and becomes all zeros rather than NaN.</summary>
    public static void StandardizeInPlace(double[] column)
    {
        double mean = column.Average(), ss = 0;
        foreach (var x in column) ss += (x - mean) * (x - mean);
        double sd = Math.Sqrt(ss / (column.Length - 1));
        for (int i = 0; i < column.Length; i++) column[i] = sd > 0 ? (column[i] - mean) / sd : 0;
    }
}
