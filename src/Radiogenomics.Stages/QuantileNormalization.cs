namespace Radiogenomics.Stages;

/// <summary>
/// Per-image quantile normalisation across features, as the Liu &amp; Hu 2023 code does it: each image's
/// values are sorted (ties kept in column order); the reference distribution is the mean over images of
/// the r-th smallest value; each value is replaced by the reference at its minimum rank among ties.
/// (preprocessCore::normalize.quantiles instead averages the reference over tied ranks; with no ties the two agree.)
/// </summary>
public static class QuantileNormalization
{
    /// <summary>Normalises a row-major images × features matrix in place.</summary>
    public static void NormalizeRows(double[] values, int rows, int columns)
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
                for (int k = start; k <= end; k++) row[order[k]] = reference[start]; // minimum rank of the tie
                start = end + 1;
            }
        }
    }
}
