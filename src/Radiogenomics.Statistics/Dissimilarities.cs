namespace Radiogenomics.Statistics;

/// <summary>Dissimilarity matrices between the rows of a complete data matrix, as R's <c>dist</c> and <c>1 − cor(t(x))</c>.</summary>
public static class Dissimilarities
{
    /// <summary>The n × n symmetric matrix (zero diagonal) of <paramref name="measure"/> between the rows.</summary>
    public static double[,] Between(IReadOnlyList<double[]> rows, DissimilarityMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int n = rows.Count;
        if (n == 0) return new double[0, 0];
        int p = rows[0].Length;
        if (rows.Any(r => r is null || r.Length != p)) throw new ArgumentException("All rows need the same number of values.", nameof(rows));
        if (rows.Any(r => r.Any(v => !double.IsFinite(v)))) throw new ArgumentException("Dissimilarities need complete, finite rows.", nameof(rows));
        var work = measure switch
        {
            DissimilarityMeasure.Euclidean => rows.ToArray(),
            DissimilarityMeasure.Correlation => rows.Select(CentredUnit).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(measure)),
        };
        var d = new double[n, n];
        Parallel.For(0, n, i =>
        {
            for (int j = i + 1; j < n; j++)
            {
                double s = 0;
                if (measure == DissimilarityMeasure.Euclidean)
                {
                    for (int k = 0; k < p; k++) { double diff = work[i][k] - work[j][k]; s += diff * diff; }
                    s = Math.Sqrt(s);
                }
                else
                {
                    for (int k = 0; k < p; k++) s += work[i][k] * work[j][k];
                    s = 1 - Math.Clamp(s, -1, 1);
                }
                d[i, j] = d[j, i] = s;
            }
        });
        return d;
    }

    /// <summary>The row centred and scaled to unit length, so the dot product of two is their correlation; a constant row is refused.</summary>
    private static double[] CentredUnit(double[] row)
    {
        double mean = row.Average();
        var c = row.Select(v => v - mean).ToArray();
        double norm = Math.Sqrt(c.Sum(v => v * v));
        if (!(norm > 0)) throw new ArgumentException("A constant profile has no correlation with anything; drop it or use the Euclidean distance.");
        for (int k = 0; k < c.Length; k++) c[k] /= norm;
        return c;
    }
}
