using System.Globalization;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// A <see cref="LabelRule"/> applied to the patient-level clinical table for the patients that have features. Bad input is
/// a <see cref="DataProblemException"/> naming the table, the column and the fix: a missing column, text without a named
/// positive level, a level that positive, negative and exclude do not name, values other than 0/1 without a rule, one
/// class, patients without a label (unless dropped), patients with a label but no features (unless dropped). Patients
/// whose level is excluded leave the analysis whatever <c>incomplete</c> says; they are counted by level.
/// </summary>
public sealed class ClassLabels
{
    private readonly double[] _values; // 0/1, or the raw number for threshold/quantile rules

    private ClassLabels(LabelRule rule, IReadOnlyList<string> patients, double[] values, IReadOnlyList<string> dropped, IReadOnlyList<(string Level, int Patients)> excluded)
    {
        Rule = rule;
        Patients = patients;
        _values = values;
        Dropped = dropped;
        Excluded = excluded;
    }

    public LabelRule Rule { get; }

    /// <summary>The patients that have features and a label, in the order they were given.</summary>
    public IReadOnlyList<string> Patients { get; }

    /// <summary>Patients left out (no label, or a label but no features) when incomplete patients are dropped.</summary>
    public IReadOnlyList<string> Dropped { get; }

    /// <summary>Patients with features whose label is an excluded level, counted per level (in the order the levels sort).</summary>
    public IReadOnlyList<(string Level, int Patients)> Excluded { get; }

    /// <summary>How many patients with features an excluded level took out of the analysis.</summary>
    public int ExcludedCount => Excluded.Sum(e => e.Patients);

    /// <summary>E.g. <c>9 patients excluded (Equivocal 8, Indeterminate 1)</c>, or empty when none were.</summary>
    public string DescribeExcluded() => ExcludedCount == 0 ? ""
        : $"{ExcludedCount} patient{(ExcludedCount == 1 ? "" : "s")} excluded ({string.Join(", ", Excluded.Select(e => $"{e.Level} {e.Patients}"))})";

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
        var excludedLevel = new Dictionary<string, string>(StringComparer.Ordinal); // patient → its excluded level
        var where = $"column '{column}'";
        var levels = rule.Levels is { IsEmpty: false } named ? named : null;
        bool cut = rule.Threshold is not null || rule.Quantile is not null;
        if (text && cut)
            throw new DataProblemException(tableName, where, "is text, so a threshold or quantile rule cannot apply", "name a numeric column, or set positive: to the level that counts as positive");
        if (levels is not null && cut && (levels.Positive.Count > 0 || levels.Negative.Count > 0))
            throw new DataProblemException(tableName, "options", "names positive or negative levels, but a threshold or quantile rule cuts numbers",
                "leave positive: and negative: out with rule: threshold or quantile (exclude: may still name values to leave out)");
        if (levels is { Positive.Count: 0, Negative.Count: > 0 })
            throw new DataProblemException(tableName, "options", "names negative levels but no positive one", "set positive: to the level (or levels) that count as positive");
        bool namesClasses = levels is { Positive.Count: > 0 };
        if (text)
        {
            var values = table.GetStrings(column);
            var present = values.Where(v => v is not null).Select(v => v!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (!namesClasses)
                throw new DataProblemException(tableName, where, $"is text with levels {string.Join(", ", present)}",
                    $"set positive: to the level that counts as positive (one of {string.Join(", ", present)}){(present.Count > 2 ? ", and negative: and exclude: to place the others" : "")}");
            var classOf = TextClasses(tableName, where, levels!, present);
            for (int i = 0; i < ids.Length; i++)
            {
                if (ids[i] is not { } id || values[i] is not { } v) continue;
                if (classOf[v] is { } c) raw[id] = c;
                else excludedLevel[id] = v;
            }
        }
        else
        {
            var values = table.GetNullableDoubles(column);
            var numbers = levels is null ? null : new[] { levels.Positive, levels.Negative, levels.Exclude }.Select(list => list.Select(name =>
                double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x
                : throw new DataProblemException(tableName, where, $"is numeric, but a level is named '{name}'", "name the column's values (numbers) in positive:, negative: and exclude:, or leave them out for a 0/1 column")).ToHashSet()).ToArray();
            if (levels is { Prefix: true })
                throw new DataProblemException(tableName, where, "is numeric, so match: prefix cannot apply", "use match: exact with a numeric column");
            for (int i = 0; i < ids.Length; i++)
            {
                if (ids[i] is not { } id || values[i] is not { } v || !double.IsFinite(v)) continue;
                if (numbers is not null && numbers[2].Contains(v)) { excludedLevel[id] = v.ToString(CultureInfo.InvariantCulture); continue; }
                if (!namesClasses) { raw[id] = v; continue; }
                raw[id] = numbers[0].Contains(v) ? 1 : numbers[1].Count == 0 || numbers[1].Contains(v) ? 0
                    : throw new DataProblemException(tableName, $"{where}, patient '{id}'", $"has the value {v.ToString(CultureInfo.InvariantCulture)}, which positive, negative and exclude do not name",
                        $"add {v.ToString(CultureInfo.InvariantCulture)} to positive:, negative: or exclude:");
            }
            if (namesClasses && !raw.Values.Contains(1))
                throw new DataProblemException(tableName, where, $"has no value {string.Join(" or ", levels!.Positive)}", "set positive: to one of the column's values");
            if (!namesClasses && !cut)
            {
                var other = raw.Values.FirstOrDefault(v => v != 0 && v != 1, double.NaN);
                if (!double.IsNaN(other))
                    throw new DataProblemException(tableName, where, $"has values other than 0 and 1 (e.g. {other.ToString(CultureInfo.InvariantCulture)})",
                        "set threshold: (positive above it) or quantile: (positive above that quantile of the training patients), name positive: levels, or recode it to 0/1");
            }
            if (rule.Quantile is { } q && !(q > 0 && q < 1))
                throw new DataProblemException(tableName, "options", $"quantile is {q.ToString(CultureInfo.InvariantCulture)}", "set quantile: between 0 and 1, e.g. 0.75 for the top quartile");
        }

        var featureSet = withFeatures.ToHashSet(StringComparer.Ordinal);
        var excluded = withFeatures.Where(excludedLevel.ContainsKey).GroupBy(p => excludedLevel[p], StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var noLabel = withFeatures.Where(p => !raw.ContainsKey(p) && !excludedLevel.ContainsKey(p)).ToList();
        var noFeatures = raw.Keys.Where(p => !featureSet.Contains(p)).Order(StringComparer.Ordinal).ToList();
        if (!dropIncomplete && noLabel.Count > 0)
            throw new DataProblemException(tableName, where, $"has no label for {noLabel.Count} patient(s) with features ({Sample(noLabel)})",
                "give every patient a label, or set incomplete: drop to leave them out");
        if (!dropIncomplete && noFeatures.Count > 0)
            throw new DataProblemException(tableName, where, $"labels {noFeatures.Count} patient(s) that have no features ({Sample(noFeatures)})",
                "add their features, remove them from the clinical table, or set incomplete: drop to leave them out");
        var kept = withFeatures.Where(raw.ContainsKey).ToList();
        var result = new ClassLabels(rule, kept, kept.Select(p => raw[p]).ToArray(), noLabel.Concat(noFeatures).ToList(), excluded);
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
    /// 1, 0 or null (excluded) for every level present. A level named by two lists, a positive list that names no level,
    /// and a level no list names (when negative is named, or more than one is left for the implicit negative) are errors.
    /// </summary>
    private static Dictionary<string, double?> TextClasses(string tableName, string where, LabelLevels levels, IReadOnlyList<string> present)
    {
        var lists = new (string Option, IReadOnlyList<string> Names, double? Class)[] { ("positive", levels.Positive, 1), ("negative", levels.Negative, 0), ("exclude", levels.Exclude, null) };
        string Shown(string name) => levels.Prefix ? name + "*" : name;
        var classOf = new Dictionary<string, double?>(StringComparer.Ordinal);
        var unnamed = new List<string>();
        foreach (var level in present)
        {
            var hits = lists.Where(l => l.Names.Any(n => levels.Names(n, level))).ToList();
            if (hits.Count > 1)
                throw new DataProblemException(tableName, where, $"has the level '{level}', which both {hits[0].Option}: and {hits[1].Option}: name",
                    "name each level in one of positive:, negative: and exclude:");
            if (hits.Count == 1) classOf[level] = hits[0].Class;
            else unnamed.Add(level);
        }
        foreach (var (option, names, _) in lists.Take(2))
            if (names.Count > 0 && !present.Any(level => names.Any(n => levels.Names(n, level))))
                throw new DataProblemException(tableName, where, $"has no level that {option}: names ({string.Join(", ", names.Select(Shown))}; levels: {string.Join(", ", present)})",
                    $"set {option}: to one or more of its levels{(levels.Prefix ? "" : ", or match: prefix to name levels by their start")}");
        if (unnamed.Count == 1 && levels.Negative.Count == 0) classOf[unnamed[0]] = 0;
        else if (unnamed.Count > 0)
            throw new DataProblemException(tableName, where,
                levels.Negative.Count > 0 ? $"has the level{(unnamed.Count > 1 ? "s" : "")} {string.Join(", ", unnamed.Select(u => $"'{u}'"))}, which positive:, negative: and exclude: do not name"
                    : $"has {unnamed.Count} levels that positive: and exclude: do not name ({string.Join(", ", unnamed.Select(u => $"'{u}'"))}), so the negative class is not clear",
                $"add {string.Join(", ", unnamed)} to positive:, negative: or exclude:");
        return classOf;
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
