using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// Numeric columns of a table keyed by patient_id, one row per patient: a patient-level table (genomic features, a
/// truth or clinical table) or an image-level feature table, whose rows are averaged per patient (missing values left
/// out). <see cref="Columns"/>[c][p] is NaN where patient p has no value of column c.
/// </summary>
public sealed class PatientValueTable
{
    private PatientValueTable(IReadOnlyList<string> patients, IReadOnlyList<string> names, double[][] columns)
    {
        Patients = patients;
        Names = names;
        Columns = columns;
    }

    /// <summary>Patients in the order they first appear.</summary>
    public IReadOnlyList<string> Patients { get; }

    public IReadOnlyList<string> Names { get; }

    public double[][] Columns { get; }

    /// <summary>
    /// Reads <paramref name="path"/> (called <paramref name="table"/> in errors). <paramref name="columns"/> empty: every
    /// numeric column but the identifiers and <paramref name="exclude"/>; else exactly these, each of which must exist
    /// and be numeric.
    /// </summary>
    public static PatientValueTable Read(string path, string table, IReadOnlyList<string> columns, IReadOnlyCollection<string>? exclude = null)
    {
        var t = ParquetFile.Read(path);
        if (!t.Contains("patient_id"))
            throw new DataProblemException(table, "header", "has no column 'patient_id'", "bind a patient-level table or a feature table with a patient_id column");
        var ids = t.GetStrings("patient_id");
        List<string> names;
        if (columns.Count == 0)
            names = t.ColumnNames.Where(c => c is not ("patient_id" or "image_id") && !(exclude?.Contains(c) ?? false) && IsNumeric(t[c].Type)).ToList();
        else
        {
            foreach (var c in columns)
                if (!t.Contains(c) || !IsNumeric(t[c].Type))
                    throw new DataProblemException(table, $"column '{c}'", t.Contains(c) ? "is not numeric" : "does not exist",
                        $"name numeric columns of the table ({string.Join(", ", t.ColumnNames.Where(n => IsNumeric(t[n].Type)).Take(12))}{(t.ColumnCount > 12 ? ", …" : "")})");
            names = columns.Distinct().ToList();
        }
        if (names.Count == 0) throw new DataProblemException(table, "header", "has no numeric column", "bind a table with numeric columns");

        var patients = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowPatient = new int[t.RowCount];
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] is not { Length: > 0 } id)
                throw new DataProblemException(table, $"row {i + 1}", "has no patient_id", "give every row a patient id");
            if (!index.TryGetValue(id, out var p)) { p = patients.Count; index[id] = p; patients.Add(id); }
            rowPatient[i] = p;
        }
        var result = new double[names.Count][];
        for (int c = 0; c < names.Count; c++)
        {
            var values = Doubles(t, names[c]);
            var sum = new double[patients.Count];
            var count = new int[patients.Count];
            for (int i = 0; i < values.Length; i++)
                if (values[i] is { } v && double.IsFinite(v)) { sum[rowPatient[i]] += v; count[rowPatient[i]]++; }
            result[c] = new double[patients.Count];
            for (int p = 0; p < patients.Count; p++) result[c][p] = count[p] > 0 ? sum[p] / count[p] : double.NaN;
        }
        return new PatientValueTable(patients, names, result);
    }

    /// <summary>An integer column of the table per patient (e.g. a fold number), null where missing.</summary>
    public static Dictionary<string, double?> ReadColumn(string path, string table, string column)
    {
        var t = ParquetFile.Read(path);
        if (!t.Contains(column) || !IsNumeric(t[column].Type))
            throw new DataProblemException(table, $"column '{column}'", t.Contains(column) ? "is not numeric" : "does not exist", "name a numeric column of the table");
        var ids = t.GetStrings("patient_id");
        var values = Doubles(t, column);
        var byPatient = new Dictionary<string, double?>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++) if (ids[i] is { } id) byPatient[id] = values[i];
        return byPatient;
    }

    private static bool IsNumeric(ColumnType type) => type is ColumnType.Double or ColumnType.Float or ColumnType.Int32 or ColumnType.Int64;

    private static double?[] Doubles(Table t, string name) => t[name].Type switch
    {
        ColumnType.Double => t.GetNullableDoubles(name),
        ColumnType.Float => t.GetNullableFloats(name).Select(v => (double?)v).ToArray(),
        ColumnType.Int32 => t.GetNullableInt32s(name).Select(v => (double?)v).ToArray(),
        ColumnType.Int64 => t.GetNullableInt64s(name).Select(v => (double?)v).ToArray(),
        _ => throw new InvalidOperationException($"column '{name}' is not numeric"),
    };
}
