using Radiogenomics.Statistics;

namespace Radiogenomics.Stages;

/// <summary>
/// Image-level feature tables to one row per patient with <see cref="GroupAggregation"/> (R's mean and median,
/// NaN kept). Patients come in <see cref="PatientOrder"/>, the order every patient-level table uses.
/// </summary>
internal static class PatientAggregation
{
    public static List<string> Patients(FeatureMatrix features) => PatientOrder.Of(features.PatientIds);

    /// <summary>One value per patient and feature: [feature][patient], patients in <paramref name="patients"/> order.</summary>
    public static double[][] Aggregate(FeatureMatrix features, IReadOnlyList<string> patients, bool median)
    {
        var index = PatientOrder.IndexOf(patients);
        var groups = new List<int>[patients.Count];
        for (int p = 0; p < groups.Length; p++) groups[p] = [];
        for (int i = 0; i < features.ImageCount; i++) groups[index[features.PatientIds[i]!]].Add(i);
        return GroupAggregation.Aggregate(features.Columns, groups, median);
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
}
