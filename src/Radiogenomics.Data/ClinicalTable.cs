using System.Globalization;
using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// The patient-level clinical table the fetch stages write: patient_id, then one column per clinical variable
/// (text such as ER status, or numbers such as 0/1 codes). Read by stages that group or stratify patients.
/// </summary>
public sealed class ClinicalTable
{
    private readonly Table _table;

    private ClinicalTable(string path, Table table)
    {
        Path = path;
        _table = table;
    }

    public string Path { get; }

    /// <summary>The clinical variables (every column but patient_id).</summary>
    public IReadOnlyList<string> Variables => _table.ColumnNames.Where(c => c != "patient_id").ToList();

    public static ClinicalTable Read(string path)
    {
        var table = ParquetFile.Read(path);
        if (!table.Contains("patient_id")) throw new DataProblemException(path, "header", "has no column 'patient_id'", "use the clinical table a fetch stage wrote");
        return new ClinicalTable(path, table);
    }

    /// <summary>
    /// Each patient's value of <paramref name="variable"/> as text (numeric codes as invariant text); patients without a
    /// value are left out. <paramref name="setting"/> names the option that chose the variable, for the error message.
    /// </summary>
    public Dictionary<string, string> Labels(string variable, string setting)
    {
        if (variable.Length == 0 || !_table.Contains(variable))
            throw new DataProblemException(Path, "clinical table", variable.Length == 0 ? $"{setting} is not set" : $"has no column '{variable}'",
                $"set {setting} to one of: {string.Join(", ", Variables)}");
        var text = _table[variable].Type == ColumnType.String
            ? _table.GetStrings(variable)
            : _table.GetNullableDoubles(variable).Select(v => v?.ToString(CultureInfo.InvariantCulture)).ToArray();
        return _table.GetStrings("patient_id").Zip(text).Where(x => x.First is not null && x.Second is not null)
            .ToDictionary(x => x.First!, x => x.Second!, StringComparer.Ordinal);
    }
}
