namespace Radiogenomics.Statistics;

/// <summary>
/// Per-image quantile normalisation across features, as the Liu &amp; Hu 2023 code does it: each image's
/// values are sorted (ties kept in column order); the reference distribution is the mean over images of
/// the r-th smallest value; each value is replaced by the reference at its minimum rank among ties.
/// <see cref="NormalizeRowsPreprocessCore"/> reproduces <c>preprocessCore::normalize.quantiles</c> instead, which treats
/// ties by average rank; with no ties the two agree.
/// </summary>
public static class QuantileNormalization
{
    /// <summary>Normalises a row-major images × features matrix in place (the seed rule: ties take their minimum rank).</summary>
    public static void NormalizeRows(double[] values, int rows, int columns) =>
        Assign(values, rows, columns, (reference, start, end) => reference[start]);

    /// <summary>
    /// <c>preprocessCore::normalize.quantiles</c> (columns = images in R; rows here): the same reference, but each value
    /// takes the reference at its average rank r among ties, and when r falls half-way between two ranks (an even
    /// number of ties) the mean of the two neighbouring reference values, as preprocessCore's C code does.
    /// </summary>
    public static void NormalizeRowsPreprocessCore(double[] values, int rows, int columns) =>
        Assign(values, rows, columns, (reference, start, end) =>
        {
            double rank = (start + end) / 2.0 + 1; // 1-based average rank
            int floor = (int)Math.Floor(rank);
            return rank - floor > 0.4 ? 0.5 * (reference[floor - 1] + reference[floor]) : reference[floor - 1];
        });

    /// <summary>Replaces each run of tied values (sorted positions start..end of a row) by <paramref name="valueOfTie"/>.</summary>
    private static void Assign(double[] values, int rows, int columns, Func<double[], int, int, double> valueOfTie)
    {
        var reference = Reference(values, rows, columns);
        var sorted = new double[columns];
        var order = new int[columns];
        for (int i = 0; i < rows; i++)
        {
            var row = values.AsSpan(i * columns, columns);
            for (int j = 0; j < columns; j++) order[j] = j;
            row.CopyTo(sorted);
            Array.Sort(sorted, order); // sorted values with their columns
            int start = 0;
            while (start < columns)
            {
                int end = start;
                while (end + 1 < columns && sorted[end + 1] == sorted[start]) end++;
                double value = valueOfTie(reference, start, end);
                for (int k = start; k <= end; k++) row[order[k]] = value;
                start = end + 1;
            }
        }
    }

    private static double[] Reference(double[] values, int rows, int columns)
    {
        var reference = new double[columns];
        var sorted = new double[columns];
        for (int i = 0; i < rows; i++)
        {
            values.AsSpan(i * columns, columns).CopyTo(sorted);
            Array.Sort(sorted);
            for (int r = 0; r < columns; r++) reference[r] += sorted[r];
        }
        for (int r = 0; r < columns; r++) reference[r] /= rows;
        return reference;
    }
}
