namespace Radiogenomics.Data;

/// <summary>
/// The one order of patients in every patient-level table and vector: distinct ids in ordinal order.
/// Aligning genomic, clinical and aggregated feature values by this order is what lets them be zipped.
/// </summary>
public static class PatientOrder
{
    public static List<string> Of(IEnumerable<string?> patientIds) =>
        patientIds.Where(p => p is not null).Select(p => p!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Position of each patient in <paramref name="patients"/>.</summary>
    public static Dictionary<string, int> IndexOf(IReadOnlyList<string> patients)
    {
        var index = new Dictionary<string, int>(patients.Count, StringComparer.Ordinal);
        for (int i = 0; i < patients.Count; i++) index[patients[i]] = i;
        return index;
    }
}
