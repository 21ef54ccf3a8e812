namespace Radiogenomics.Statistics;

/// <summary>
/// One value per group (e.g. a patient's images) and column, with R's <c>mean</c> and <c>median</c>
/// (na.rm = FALSE: a group with a NaN value gets NaN, so missing data never hides).
/// </summary>
public static class GroupAggregation
{
    /// <summary>[column][group]: the mean or median of each column over the rows of each group (rows listed per group).</summary>
    public static double[][] Aggregate(IReadOnlyList<double[]> columns, IReadOnlyList<IReadOnlyList<int>> rowsOfGroup, bool median)
    {
        var result = new double[columns.Count][];
        int largest = rowsOfGroup.Count == 0 ? 0 : rowsOfGroup.Max(g => g.Count);
        Parallel.For(0, columns.Count, j =>
        {
            var column = columns[j];
            var values = new double[largest];
            var row = new double[rowsOfGroup.Count];
            for (int p = 0; p < row.Length; p++)
            {
                var rows = rowsOfGroup[p];
                for (int k = 0; k < rows.Count; k++) values[k] = column[rows[k]];
                row[p] = median ? Median(values.AsSpan(0, rows.Count)) : Mean(values.AsSpan(0, rows.Count));
            }
            result[j] = row;
        });
        return result;
    }

    /// <summary>R's <c>mean(x)</c>: the sum over the count (NaN propagates; NaN for no values).</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    /// <summary>R's <c>median(x)</c> with na.rm = FALSE; sorts <paramref name="values"/> in place.</summary>
    public static double Median(Span<double> values)
    {
        foreach (var v in values) if (double.IsNaN(v)) return double.NaN;
        values.Sort();
        int mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
