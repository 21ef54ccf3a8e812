using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// Patient-level expression profiles from a <c>genomic</c> table (patient_id, one numeric column per gene or genomic
/// feature): patients in ordinal order, and the columns without a missing value (the others are left out and counted).
/// </summary>
internal sealed record ExpressionProfiles(string[] Patients, string[] Features, double[][] Values, int DroppedFeatures)
{
    public static ExpressionProfiles Read(string path)
    {
        var table = ParquetFile.Read(path);
        if (!table.Contains("patient_id"))
            throw new DataProblemException("genomic table", "header", "has no column 'patient_id'", "bind a patient-level genomic table (fetch.tables or genomics.features)");
        var ids = table.GetStrings("patient_id");
        var order = Enumerable.Range(0, ids.Length).Where(i => ids[i] is not null).OrderBy(i => ids[i], StringComparer.Ordinal).ToArray();
        for (int k = 1; k < order.Length; k++)
            if (ids[order[k]] == ids[order[k - 1]])
                throw new DataProblemException("genomic table", $"patient '{ids[order[k]]}'", "has two rows", "keep one expression profile per patient");
        var features = new List<string>();
        var columns = new List<double[]>();
        int dropped = 0;
        foreach (var name in table.ColumnNames.Where(c => c != "patient_id"))
        {
            if (table[name].Type == ColumnType.String) { dropped++; continue; }
            var numbers = SurvivalCovariates.Numbers(table, name);
            var values = order.Select(i => numbers[i]).ToArray();
            if (values.Any(v => !double.IsFinite(v))) { dropped++; continue; }
            features.Add(name);
            columns.Add(values);
        }
        if (features.Count == 0)
            throw new DataProblemException("genomic table", "columns", "has no numeric column without missing values", "give expression values for every patient");
        var rows = Enumerable.Range(0, order.Length).Select(p => columns.Select(c => c[p]).ToArray()).ToArray();
        return new ExpressionProfiles(order.Select(i => ids[i]!).ToArray(), features.ToArray(), rows, dropped);
    }
}
