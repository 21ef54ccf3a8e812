using System.Globalization;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>A user's outer folds from a column of whole numbers 1..K (K ≥ 3, every fold with patients), checked per patient.</summary>
internal static class FoldColumn
{
    /// <param name="labels">the column's text per patient of the source table</param>
    /// <param name="used">the source rows of the patients that take part</param>
    public static int[] Read(string?[] labels, IReadOnlyList<int> used, IReadOnlyList<string> patients, string source, string column)
    {
        var folds = new int[used.Count];
        for (int i = 0; i < used.Count; i++)
        {
            string? text = labels[used[i]];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) || f != Math.Floor(f) || f < 1)
                throw new DataProblemException(source, $"column '{column}', patient '{patients[used[i]]}'",
                    text is null ? "has no fold" : $"has fold '{text}', not a whole number ≥ 1", "give every patient a fold number 1..K");
            folds[i] = (int)f;
        }
        int k = folds.Max();
        var missing = Enumerable.Range(1, k).Where(f => !folds.Contains(f)).ToList();
        if (missing.Count > 0 || k < 3)
            throw new DataProblemException(source, $"column '{column}'", k < 3 ? $"has {k} fold(s)" : $"has no patient in fold(s) {string.Join(", ", missing)}",
                "number the folds 1..K (K ≥ 3) with patients in each");
        return folds;
    }

    /// <summary>The folds of the given patients from a column of a patient-level table (the clinical table).</summary>
    public static int[] ReadTable(string path, string source, string column, IReadOnlyList<string> patients)
    {
        var t = ParquetFile.Read(path);
        if (!t.Contains(column))
            throw new DataProblemException(source, $"column '{column}'", "does not exist", "set fold_column to a column of fold numbers 1..K");
        var ids = t.GetStrings("patient_id");
        var text = t[column].Type == ColumnType.String ? t.GetStrings(column)
            : SurvivalCovariates.Numbers(t, column).Select(v => double.IsNaN(v) ? null : v.ToString("R", CultureInfo.InvariantCulture)).ToArray();
        var byPatient = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++) if (ids[i] is { } id) byPatient[id] = text[i];
        return Read(patients.Select(p => byPatient.GetValueOrDefault(p)).ToArray(), Enumerable.Range(0, patients.Count).ToArray(), patients, source, column);
    }
}
