namespace Radiogenomics.Stages;

/// <summary>
/// Image-level features to one value per patient and feature, with R's <c>mean</c> and <c>median</c>
/// (na.rm = FALSE: a patient with a NaN image value gets NaN, so missing data never hides).
/// Patients come in ordinal order of their ids, the order every patient-level table here uses.
/// </summary>
internal static class PatientAggregation
{
    public static List<string> Patients(FeatureMatrix features) => PatientOrder.Of(features.PatientIds);

    /// <summary>One value per patient and feature: [feature][patient], patients in <paramref name="patients"/> order.</summary>
    public static double[][] Aggregate(FeatureMatrix features, IReadOnlyList<string> patients, bool median)
    {
        var index = patients.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var groups = new List<int>[patients.Count];
        for (int p = 0; p < groups.Length; p++) groups[p] = [];
        for (int i = 0; i < features.ImageCount; i++) groups[index[features.PatientIds[i]!]].Add(i);
        var result = new double[features.FeatureCount][];
        Parallel.For(0, features.FeatureCount, j =>
        {
            var column = features.Columns[j];
            var values = new double[groups.Max(g => g.Count)];
            var row = new double[groups.Length];
            for (int p = 0; p < groups.Length; p++)
            {
                var images = groups[p];
                for (int k = 0; k < images.Count; k++) values[k] = column[images[k]];
                row[p] = median ? Median(values.AsSpan(0, images.Count)) : Mean(values.AsSpan(0, images.Count));
            }
            result[j] = row;
        });
        return result;
    }

    /// <summary>A patient-level matrix in the image-level layout: one row per patient, image_id = patient_id.</summary>
    public static FeatureMatrix ToPatientLevel(FeatureMatrix features, bool median)
    {
        var patients = Patients(features);
        var ids = patients.Cast<string?>().ToArray();
        return new FeatureMatrix(ids, ids.ToArray(), features.FeatureNames, Aggregate(features, patients, median));
    }

    /// <summary>The <c>patient_features</c> table of the extract stages: patient_id, then each feature's patient mean.</summary>
    public static void WriteMeans(FeatureMatrix features, string path)
    {
        var patients = Patients(features);
        var means = Aggregate(features, patients, median: false);
        var table = new Tables.Table().Add("patient_id", patients.Cast<string?>().ToArray());
        for (int j = 0; j < features.FeatureCount; j++) table.Add(features.FeatureNames[j], means[j]);
        Tables.ParquetFile.Write(table, path);
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    private static double Median(Span<double> values)
    {
        foreach (var v in values) if (double.IsNaN(v)) return double.NaN;
        values.Sort();
        int mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
