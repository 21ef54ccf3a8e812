using System.Text;

namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>Per patient either a selection or an exclusion with its reason; every patient appears exactly once.</summary>
public sealed record SeriesSelectionResult(IReadOnlyList<SeriesSelection> Selected, IReadOnlyList<SeriesExclusion> Exclusions)
{
    /// <summary>The exclusions table as TSV (header patient_id, reason), sorted by patient.</summary>
    public string ExclusionsTsv()
    {
        var text = new StringBuilder("patient_id\treason\n");
        foreach (var e in Exclusions.OrderBy(e => e.PatientId, StringComparer.Ordinal))
        {
            text.Append(Clean(e.PatientId)).Append('\t').Append(Clean(e.Reason)).Append('\n');
        }
        return text.ToString();

        static string Clean(string s) => s.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
    }
}
