using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// An image-level feature table in memory: image ids, patient ids and one double array per feature
/// (column-major, as Parquet stores it and as per-feature models read it). The layout every feature
/// stage reads and writes: image_id, patient_id, then the features.
/// </summary>
public sealed class FeatureMatrix
{
    public FeatureMatrix(string?[] imageIds, string?[] patientIds, IReadOnlyList<string> featureNames, double[][] columns)
    {
        if (columns.Length != featureNames.Count || columns.Any(c => c.Length != imageIds.Length))
            throw new ArgumentException("one column of image count values per feature is required");
        ImageIds = imageIds;
        PatientIds = patientIds;
        FeatureNames = featureNames;
        Columns = columns;
    }

    public string?[] ImageIds { get; }
    public string?[] PatientIds { get; }
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Columns[j][i]: feature j of image i.</summary>
    public double[][] Columns { get; }

    public int ImageCount => ImageIds.Length;

    /// <summary>Patient-level when every row's image id is its patient id (as aggregation writes it), else image-level.</summary>
    public FeatureLevel Level => ImageCount > 0 && ImageIds.AsSpan().SequenceEqual(PatientIds) ? FeatureLevel.Patient : FeatureLevel.Image;
    public int FeatureCount => FeatureNames.Count;

    public static FeatureMatrix Read(string path)
    {
        var table = ParquetFile.Read(path);
        var names = table.ColumnNames.Where(c => c is not ("image_id" or "patient_id")).ToList();
        var columns = names.Select(n => table[n].Type == ColumnType.Float ? table.GetFloats(n).Select(f => (double)f).ToArray() : table.GetDoubles(n)).ToArray();
        return new FeatureMatrix(table.GetStrings("image_id"), table.GetStrings("patient_id"), names, columns);
    }

    /// <summary>From a network's output: image i's features at values[i * names.Count …], float32 widened to double.</summary>
    public static FeatureMatrix FromRowMajor(string?[] imageIds, string?[] patientIds, IReadOnlyList<string> names, float[] values)
    {
        int n = imageIds.Length, count = names.Count;
        var columns = new double[count][];
        Parallel.For(0, count, j =>
        {
            var column = columns[j] = new double[n];
            for (int i = 0; i < n; i++) column[i] = values[(long)i * count + j];
        });
        return new FeatureMatrix(imageIds, patientIds, names, columns);
    }

    public double[] Column(int feature) => Columns[feature];

    public void CopyColumn(int feature, Span<double> destination) => Columns[feature].CopyTo(destination);

    /// <summary>Row-major copy (image i, feature j at [i * FeatureCount + j]) for per-image operations.</summary>
    public double[] ToRowMajor()
    {
        var values = new double[ImageCount * FeatureCount];
        for (int j = 0; j < FeatureCount; j++)
            for (int i = 0; i < ImageCount; i++) values[i * FeatureCount + j] = Columns[j][i];
        return values;
    }

    public void SetFromRowMajor(double[] values)
    {
        for (int j = 0; j < FeatureCount; j++)
            for (int i = 0; i < ImageCount; i++) Columns[j][i] = values[i * FeatureCount + j];
    }

    public void Write(string path)
    {
        var table = new Table().Add("image_id", ImageIds).Add("patient_id", PatientIds);
        for (int j = 0; j < FeatureCount; j++) table.Add(FeatureNames[j], Columns[j]);
        ParquetFile.Write(table, path);
    }
}
