using Radiogenomics.Engine.Stages;
using System.Globalization;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// Patient-level columns for the survive stages, looked up by name across the tables a stage consumed: the survival
/// table first, then clinical, patient_truth, risk, genomic, and the image features aggregated per patient. A numeric
/// column is one term; a text column becomes R's treatment contrasts (one 0/1 term per level but the first, named
/// column + level, as coxph names them). Values are aligned with the survival table's patients; NaN = missing.
/// </summary>
internal sealed class SurvivalCovariates
{
    private readonly List<(string Name, string Source, Func<string, Column?> Find)> _sources = [];
    private readonly SurvivalTable _survival;

    public SurvivalCovariates(StageContext context, SurvivalTable survival, bool medianOfImages)
    {
        _survival = survival;
        var patients = survival.PatientIds;
        _sources.Add(("survival", survival.Source, name => survival.HasColumn(name) && name != survival.PatientColumn
            ? FromText(name, survival.Labels(name), TryNumbers(() => survival.Numbers(name))) : null));
        foreach (var input in new[] { "clinical", "patient_truth", "risk", "genomic" })
        {
            if (!context.HasInput(input)) continue;
            var table = ParquetFile.Read(context.Input(input));
            if (!table.Contains("patient_id")) continue;
            var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
            var ids = table.GetStrings("patient_id");
            for (int i = 0; i < ids.Length; i++) if (ids[i] is { } id) rowOf.TryAdd(id, i);
            var rows = patients.Select(p => rowOf.TryGetValue(p, out var r) ? r : -1).ToArray();
            Tables[input] = (table, rows);
            _sources.Add((input, input, name => table.Contains(name) && name != "patient_id" ? FromTable(table, name, rows) : null));
        }
        if (context.HasInput("features"))
        {
            var features = FeatureTable.Read(context.Input("features"), context.HasInput("feature_map") ? context.Input("feature_map") : null).Values;
            var featurePatients = PatientAggregation.Patients(features);
            var values = PatientAggregation.Aggregate(features, featurePatients, medianOfImages);
            var index = PatientOrder.IndexOf(featurePatients);
            var rows = patients.Select(p => index.TryGetValue(p, out var r) ? r : -1).ToArray();
            FeatureNames = features.FeatureNames;
            FeatureValues = values.Select(v => rows.Select(r => r < 0 ? double.NaN : v[r]).ToArray()).ToArray();
            var columnOf = features.FeatureNames.Select((n, j) => (n, j)).ToDictionary(x => x.n, x => x.j, StringComparer.Ordinal);
            _sources.Add(("features", "features", name => columnOf.TryGetValue(name, out var j) ? new Column([name], [FeatureValues[j]]) : null));
        }
    }

    /// <summary>The consumed patient-level Parquet tables with each survival patient's row (−1 = absent).</summary>
    public Dictionary<string, (Table Table, int[] Rows)> Tables { get; } = new(StringComparer.Ordinal);

    /// <summary>Patient-level image features (aggregated), [feature][survival patient]; empty without a features input.</summary>
    public IReadOnlyList<string> FeatureNames { get; } = [];

    public double[][] FeatureValues { get; } = [];

    /// <summary>The terms of one named column (one, or one per non-reference level) with their values.</summary>
    public Column Get(string name, string setting)
    {
        foreach (var source in _sources)
            if (source.Find(name) is { } column) return column;
        throw new DataProblemException(_survival.Source, $"{setting}: '{name}'",
            $"no consumed table has this column (looked in: {string.Join(", ", _sources.Select(s => s.Name))})",
            $"name a column of the survival, clinical, patient_truth, risk or genomic table, or a feature; the survival table has: {string.Join(", ", _survival.OtherColumns)}");
    }

    /// <summary>Labels of a column per survival patient (null = missing), for strata and groups.</summary>
    public string?[] Labels(string name, string setting)
    {
        if (_survival.HasColumn(name)) return _survival.Labels(name);
        foreach (var (table, rows) in Tables.Values)
            if (table.Contains(name) && name != "patient_id")
            {
                var text = table[name].Type == ColumnType.String ? table.GetStrings(name)
                    : Numbers(table, name).Select(v => double.IsNaN(v) ? null : v.ToString("R", CultureInfo.InvariantCulture)).ToArray();
                return rows.Select(r => r < 0 ? null : text[r]).ToArray();
            }
        throw new DataProblemException(_survival.Source, $"{setting}: '{name}'", "no consumed table has this column",
            $"name a column of the survival or clinical table; the survival table has: {string.Join(", ", _survival.OtherColumns)}");
    }

    /// <summary>One or more model terms and their values per survival patient.</summary>
    public sealed record Column(IReadOnlyList<string> Terms, IReadOnlyList<double[]> Values);

    private static double[]? TryNumbers(Func<double[]> read)
    {
        try { return read(); } catch (FormatException) { return null; }
    }

    private static Column FromTable(Table table, string name, int[] rows)
    {
        if (table[name].Type == ColumnType.String)
        {
            var text = table.GetStrings(name);
            return FromText(name, rows.Select(r => r < 0 ? null : text[r]).ToArray(), null);
        }
        var numbers = Numbers(table, name);
        return new Column([name], [rows.Select(r => r < 0 ? double.NaN : numbers[r]).ToArray()]);
    }

    /// <summary>A numeric (or boolean) column of a table as doubles, NaN where missing.</summary>
    public static double[] Numbers(Table table, string name) => table[name].Type switch
    {
        ColumnType.Double => table.GetNullableDoubles(name).Select(v => v ?? double.NaN).ToArray(),
        ColumnType.Float => table.GetNullableFloats(name).Select(v => v is { } f ? f : double.NaN).ToArray(),
        ColumnType.Int32 => table.GetNullableInt32s(name).Select(v => v is { } i ? i : double.NaN).ToArray(),
        ColumnType.Int64 => table.GetNullableInt64s(name).Select(v => v is { } i ? (double)i : double.NaN).ToArray(),
        ColumnType.Bool => table.GetNullableBools(name).Select(v => v is { } b ? (b ? 1.0 : 0.0) : double.NaN).ToArray(),
        _ => throw new FormatException($"column '{name}' is not numeric"),
    };

    private static Column FromText(string name, string?[] labels, double[]? numbers)
    {
        if (numbers is not null) return new Column([name], [numbers]);
        var levels = labels.Where(l => l is not null).Select(l => l!).Distinct().Order(StringComparer.Ordinal).ToList();
        var terms = levels.Skip(1).Select(level => name + level).ToList();
        var values = levels.Skip(1).Select(level => labels.Select(l => l is null ? double.NaN : l == level ? 1.0 : 0.0).ToArray()).ToList();
        return new Column(terms, values);
    }
}
