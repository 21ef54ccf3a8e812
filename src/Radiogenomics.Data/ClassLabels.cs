using System.Globalization;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// A <see cref="LabelRule"/> applied to the patient-level clinical table for the patients that have features. Bad input is
/// a <see cref="DataProblemException"/> naming the table, the column and the fix: a missing column, text without a named
/// positive level or with more than two levels, values other than 0/1 without a rule, one class, patients without a
/// label (unless dropped), patients with a label but no features (unless dropped).
/// </summary>
public sealed class ClassLabels
{
    private readonly double[] _values; // 0/1, or the raw number for threshold/quantile rules

    private ClassLabels(LabelRule rule, IReadOnlyList<string> patients, double[] values, IReadOnlyList<string> dropped)
    {
        Rule = rule;
        Patients = patients;
        _values = values;
        Dropped = dropped;
    }

    public LabelRule Rule { get; }

    /// <summary>The patients that have features and a label, in the order they were given.</summary>
    public IReadOnlyList<string> Patients { get; }

    /// <summary>Patients left out (no label, or a label but no features) when incomplete patients are dropped.</summary>
    public IReadOnlyList<string> Dropped { get; }

    /// <summary>
    /// Reads <paramref name="clinicalPath"/> (the clinical table a fetch stage wrote) for the patients in
    /// <paramref name="withFeatures"/>. <paramref name="setting"/> names the option that chose the column, for messages.
    /// </summary>
    public static ClassLabels Read(string clinicalPath, string tableName, LabelRule rule, IReadOnlyList<string> withFeatures, bool dropIncomplete, string setting = "label")
    {
        var table = ParquetFile.Read(clinicalPath);
        if (!table.Contains("patient_id")) throw new DataProblemException(tableName, "header", "has no column 'patient_id'", "use the clinical table a fetch stage wrote");
        var variables = table.ColumnNames.Where(c => c != "patient_id").ToList();
        string column = rule.Column;
        if (column.Length == 0 || !table.Contains(column))
            throw new DataProblemException(tableName, column.Length == 0 ? "options" : $"column '{column}'",
                column.Length == 0 ? $"{setting} is not set" : "does not exist", $"set {setting} to one of: {string.Join(", ", variables)}");
        var ids = table.GetStrings("patient_id");
        bool text = table[column].Type == ColumnType.String;
        var raw = new Dictionary<string, double>(StringComparer.Ordinal);
        var where = $"column '{column}'";
        if (text)
        {
            if (rule.Threshold is not null || rule.Quantile is not null)
                throw new DataProblemException(tableName, where, "is text, so a threshold or quantile rule cannot apply", "name a numeric column, or set positive: to the level that counts as positive");
            var values = table.GetStrings(column);
            var levels = values.Where(v => v is not null).Select(v => v!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (levels.Count > 2)
                throw new DataProblemException(tableName, where, $"has {levels.Count} levels ({string.Join(", ", levels)}), a binary label needs two",
                    "recode the column to two levels (others as NA), or choose another column");
            if (rule.Positive is null)
                throw new DataProblemException(tableName, where, $"is text with levels {string.Join(", ", levels)}", $"set positive: to the level that counts as positive (one of {string.Join(", ", levels)})");
            if (!levels.Contains(rule.Positive))
                throw new DataProblemException(tableName, where, $"has no level '{rule.Positive}' (levels: {string.Join(", ", levels)})", "set positive: to one of its levels");
            for (int i = 0; i < ids.Length; i++)
                if (ids[i] is { } id && values[i] is { } v) raw[id] = v == rule.Positive ? 1 : 0;
        }
        else
        {
            var values = table.GetNullableDoubles(column);
            for (int i = 0; i < ids.Length; i++)
                if (ids[i] is { } id && values[i] is { } v && double.IsFinite(v)) raw[id] = v;
            if (rule.Positive is not null)
            {
                if (!double.TryParse(rule.Positive, NumberStyles.Float, CultureInfo.InvariantCulture, out var positive))
                    throw new DataProblemException(tableName, where, $"is numeric, but positive: is '{rule.Positive}'", "set positive: to one of the column's values, or leave it out for a 0/1 column");
                foreach (var id in raw.Keys.ToList()) raw[id] = raw[id] == positive ? 1 : 0;
            }
            else if (rule.Threshold is null && rule.Quantile is null)
            {
                var other = raw.Values.FirstOrDefault(v => v != 0 && v != 1, double.NaN);
                if (!double.IsNaN(other))
                    throw new DataProblemException(tableName, where, $"has values other than 0 and 1 (e.g. {other.ToString(CultureInfo.InvariantCulture)})",
                        "set threshold: (positive above it) or quantile: (positive above that quantile of the training patients), or recode it to 0/1");
            }
            if (rule.Quantile is { } q && !(q > 0 && q < 1))
                throw new DataProblemException(tableName, "options", $"quantile is {q.ToString(CultureInfo.InvariantCulture)}", "set quantile: between 0 and 1, e.g. 0.75 for the top quartile");
        }

        var featureSet = withFeatures.ToHashSet(StringComparer.Ordinal);
        var noLabel = withFeatures.Where(p => !raw.ContainsKey(p)).ToList();
        var noFeatures = raw.Keys.Where(p => !featureSet.Contains(p)).Order(StringComparer.Ordinal).ToList();
        if (!dropIncomplete && noLabel.Count > 0)
            throw new DataProblemException(tableName, where, $"has no label for {noLabel.Count} patient(s) with features ({Sample(noLabel)})",
                "give every patient a label, or set incomplete: drop to leave them out");
        if (!dropIncomplete && noFeatures.Count > 0)
            throw new DataProblemException(tableName, where, $"labels {noFeatures.Count} patient(s) that have no features ({Sample(noFeatures)})",
                "add their features, remove them from the clinical table, or set incomplete: drop to leave them out");
        var kept = withFeatures.Where(raw.ContainsKey).ToList();
        var result = new ClassLabels(rule, kept, kept.Select(p => raw[p]).ToArray(), noLabel.Concat(noFeatures).ToList());
        if (!rule.IsFoldDependent)
        {
            var labels = result.Labels(null);
            int cases = labels.Count(v => v == 1);
            if (cases == 0 || cases == labels.Length)
                throw new DataProblemException(tableName, where, $"gives one class for all {labels.Length} patients with features ({rule.Describe()})",
                    "choose a column, level or threshold that splits the patients into two classes");
        }
        return result;
    }

    /// <summary>
    /// The 0/1 labels of every patient in <see cref="Patients"/>; a quantile rule's cut-off comes from the patients at
    /// <paramref name="training"/> only (all patients when null).
    /// </summary>
    public double[] Labels(IReadOnlyList<int>? training) => Labels(training, out _);

    /// <summary>As <see cref="Labels(IReadOnlyList{int}?)"/>, with the numeric cut-off used (NaN for 0/1 and text rules).</summary>
    public double[] Labels(IReadOnlyList<int>? training, out double cutoff)
    {
        cutoff = double.NaN;
        if (Rule.Threshold is { } t) cutoff = t;
        else if (Rule.Quantile is { } q)
        {
            var values = training is null ? _values : training.Select(i => _values[i]).ToArray();
            cutoff = RQuantile.Type7(values, q);
        }
        else return (double[])_values.Clone();
        double c = cutoff;
        return _values.Select(v => v > c ? 1.0 : 0.0).ToArray();
    }

    private static string Sample(List<string> ids) => string.Join(", ", ids.Take(5)) + (ids.Count > 5 ? ", …" : "");
}
