using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// An image-level feature table in memory: image ids, patient ids and a row-major images × features
/// matrix of doubles. The layout every feature stage reads and writes (image_id, patient_id, features…).
/// </summary>
public sealed class FeatureMatrix
{
    public FeatureMatrix(string?[] imageIds, string?[] patientIds, IReadOnlyList<string> featureNames, double[] values)
    {
        if (values.Length != imageIds.Length * featureNames.Count) throw new ArgumentException("values must be images × features");
        ImageIds = imageIds;
        PatientIds = patientIds;
        FeatureNames = featureNames;
        Values = values;
    }

    public string?[] ImageIds { get; }
    public string?[] PatientIds { get; }
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Row-major: value of image i, feature j at [i * FeatureCount + j].</summary>
    public double[] Values { get; }

    public int ImageCount => ImageIds.Length;
    public int FeatureCount => FeatureNames.Count;

    public static FeatureMatrix Read(string path)
    {
        var table = ParquetFile.Read(path);
        var names = table.ColumnNames.Where(c => c is not ("image_id" or "patient_id")).ToList();
        var values = new double[table.RowCount * names.Count];
        for (int j = 0; j < names.Count; j++)
        {
            var column = table[names[j]].Type == ColumnType.Float ? table.GetFloats(names[j]).Select(f => (double)f).ToArray() : table.GetDoubles(names[j]);
            for (int i = 0; i < column.Length; i++) values[i * names.Count + j] = column[i];
        }
        return new FeatureMatrix(table.GetStrings("image_id"), table.GetStrings("patient_id"), names, values);
    }

    public double[] Column(int feature)
    {
        var column = new double[ImageCount];
        for (int i = 0; i < column.Length; i++) column[i] = Values[i * FeatureCount + feature];
        return column;
    }

    public void Write(string path)
    {
        var table = new Table().Add("image_id", ImageIds).Add("patient_id", PatientIds);
        for (int j = 0; j < FeatureCount; j++) table.Add(FeatureNames[j], Column(j));
        ParquetFile.Write(table, path);
    }
}
