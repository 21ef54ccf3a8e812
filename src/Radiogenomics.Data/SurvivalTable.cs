using System.Globalization;
using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// The patient-level survival table: one row per patient with a follow-up time, an event flag (1 = event, 0 = censored)
/// and any further columns (strata, covariates). The time and event columns are named by the reading stage's options;
/// the fetch stages write the synthetic cohort's and UCSC Xena's layout, <c>OS.time</c> and <c>OS</c>. Reading checks
/// every row and reports all problems at once: missing or negative times, events other than 0/1, duplicate patients,
/// no events at all.
/// </summary>
public sealed class SurvivalTable
{
    public const string DefaultTimeColumn = "OS.time";
    public const string DefaultEventColumn = "OS";

    private readonly TabularFile _file;
    private readonly int[] _rows; // file row of each patient, patients in PatientOrder

    private SurvivalTable(TabularFile file, string patientColumn, int[] rows, string[] patients, double[] time, int[] events)
    {
        _file = file;
        PatientColumn = patientColumn;
        _rows = rows;
        PatientIds = patients;
        Time = time;
        Event = events;
    }

    public string Source => _file.DisplayPath;
    public string PatientColumn { get; }

    /// <summary>Patients in <see cref="PatientOrder"/> (ordinal), aligned with <see cref="Time"/> and <see cref="Event"/>.</summary>
    public IReadOnlyList<string> PatientIds { get; }

    public double[] Time { get; }
    public int[] Event { get; }

    /// <summary>The table's columns other than patient id, time and event (candidates for strata and covariates).</summary>
    public IReadOnlyList<string> OtherColumns => _file.Table.ColumnNames.Where(c => c != PatientColumn && c != TimeColumnName && c != EventColumnName).ToList();

    private string TimeColumnName { get; init; } = "";
    private string EventColumnName { get; init; } = "";

    /// <summary>Reads and checks a survival table (CSV/TSV/Parquet as <see cref="TabularFile"/> reads it).</summary>
    /// <param name="timeSetting">the option that named the time column (for messages), e.g. "time_column"; likewise <paramref name="eventSetting"/>.</param>
    public static SurvivalTable Read(TabularFile file, string patientColumn, string timeColumn, string eventColumn,
        string timeSetting = "time_column", string eventSetting = "event_column")
    {
        var columns = file.Table.ColumnNames;
        foreach (var (column, setting) in new[] { (patientColumn, "patient column"), (timeColumn, timeSetting), (eventColumn, eventSetting) })
            if (!file.HasColumn(column))
                throw new DataProblemException(file.DisplayPath, "header", $"has no column '{column}'{ColumnSuggestion.DidYouMean(column, columns)}",
                    $"set {setting} to one of: {string.Join(", ", columns)}");

        var ids = file.Strings(patientColumn);
        var time = Cells(file, timeColumn);
        var events = Cells(file, eventColumn);
        var problems = new List<DataProblem>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++)
        {
            string row = file.RowLabel(i);
            string id = ids[i].Trim();
            if (id.Length == 0) { problems.Add(new(file.DisplayPath, row, $"'{patientColumn}' is empty", "give every row its patient id")); continue; }
            if (!seen.TryAdd(id, i)) problems.Add(new(file.DisplayPath, $"{row} (patient {id})", $"patient '{id}' already appears in {file.RowLabel(seen[id])}", "keep one row per patient"));
            string where = $"{row} (patient {id}), column '{timeColumn}'";
            if (time[i] is not { } t) problems.Add(new(file.DisplayPath, where, "the follow-up time is missing", "give the time to event or last follow-up, or drop the patient"));
            else if (double.IsNaN(t)) problems.Add(new(file.DisplayPath, where, "the follow-up time is not a number", "give the time as a number ≥ 0"));
            else if (!double.IsFinite(t) || t < 0) problems.Add(new(file.DisplayPath, where, $"the follow-up time {Text(t)} is negative or infinite", "give a time ≥ 0 since diagnosis (or the study's origin)"));
            where = $"{row} (patient {id}), column '{eventColumn}'";
            if (events[i] is not { } e) problems.Add(new(file.DisplayPath, where, "the event flag is missing", "give 1 for an event, 0 for censored, or drop the patient"));
            else if (e is not (0 or 1)) problems.Add(new(file.DisplayPath, where, double.IsNaN(e) ? "the event flag is not a number" : $"the event flag is {Text(e)}, not 0 or 1", $"code {eventSetting} as 1 = event, 0 = censored"));
        }
        if (problems.Count > 0) throw new DataProblemException(problems);
        if (events.All(e => e == 0))
            throw new DataProblemException(file.DisplayPath, $"column '{eventColumn}'", $"has no events among {ids.Length} patients (every row is censored)",
                $"check that {eventSetting} names the event flag (1 = event); survival models need at least one event");

        var patients = PatientOrder.Of(ids.Select(x => x.Trim()));
        var rows = patients.Select(p => seen[p]).ToArray();
        return new SurvivalTable(file, patientColumn, rows, [.. patients], rows.Select(r => time[r]!.Value).ToArray(), rows.Select(r => (int)events[r]!.Value).ToArray())
        {
            TimeColumnName = timeColumn,
            EventColumnName = eventColumn,
        };
    }

    public bool HasColumn(string column) => _file.HasColumn(column);

    /// <summary>A column as text per patient (null = missing), e.g. for strata or groups.</summary>
    public string?[] Labels(string column)
    {
        var text = _file.Strings(column);
        return _rows.Select(r => MissingValues.IsMissing(text[r]) ? null : text[r].Trim()).ToArray();
    }

    /// <summary>A numeric column per patient (NaN = missing).</summary>
    public double[] Numbers(string column)
    {
        var values = _file.Numbers(column, allowMissing: true);
        return _rows.Select(r => values[r]).ToArray();
    }

    /// <summary>
    /// Stratum code per patient of <paramref name="patients"/> (indices into <see cref="PatientIds"/>) from a column of this
    /// table, and the stratum names. A missing value or a stratum with a single patient is an error naming the row.
    /// </summary>
    public (int[] Codes, IReadOnlyList<string> Names) Strata(string column, string setting, IReadOnlyList<int> patients)
    {
        if (!HasColumn(column))
            throw new DataProblemException(Source, "header", $"has no column '{column}'{ColumnSuggestion.DidYouMean(column, _file.Table.ColumnNames)}",
                $"set {setting} to one of: {string.Join(", ", OtherColumns)}");
        var labels = Labels(column);
        foreach (int p in patients)
            if (labels[p] is null)
                throw new DataProblemException(Source, $"{_file.RowLabel(_rows[p])} (patient {PatientIds[p]}), column '{column}'", "the stratum is missing", "give every patient a stratum, or drop the patient");
        var names = patients.Select(p => labels[p]!).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var name in names)
        {
            var members = patients.Where(p => labels[p] == name).ToList();
            if (members.Count == 1)
                throw new DataProblemException(Source, $"{_file.RowLabel(_rows[members[0]])} (patient {PatientIds[members[0]]}), column '{column}'",
                    $"stratum '{name}' has this one patient; a stratum needs at least two", $"merge '{name}' with a neighbouring stratum, or drop the patient");
        }
        return (patients.Select(p => names.IndexOf(labels[p]!)).ToArray(), names);
    }

    /// <summary>The table as the fetch stages write it: patient_id first, then every other column (numbers as doubles, the rest as text).</summary>
    public Table ToTable()
    {
        var table = new Table().Add("patient_id", PatientIds.Cast<string?>().ToArray());
        foreach (var column in _file.Table.ColumnNames.Where(c => c != PatientColumn))
        {
            if (column == "patient_id") continue;
            var cells = Cells(_file, column, lenient: true);
            if (cells is not null) table.Add(column, _rows.Select(r => cells[r]).ToArray());
            else table.Add(column, Labels(column));
        }
        return table;
    }

    // numbers of a column, null where missing; NaN where a cell is not a number (lenient: null result for a text column)
    private static double?[] Cells(TabularFile file, string column) => Cells(file, column, lenient: false)!;

    private static double?[]? Cells(TabularFile file, string column, bool lenient)
    {
        var text = file.Strings(column);
        var result = new double?[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            if (MissingValues.IsMissing(text[i])) continue;
            if (double.TryParse(text[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) result[i] = v;
            else if (text[i].Trim() is "TRUE" or "True" or "true") result[i] = 1;
            else if (text[i].Trim() is "FALSE" or "False" or "false") result[i] = 0;
            else if (lenient) return null;
            else result[i] = double.NaN;
        }
        return result;
    }

    private static string Text(double v) => double.IsNaN(v) ? "not a number" : v.ToString("R", CultureInfo.InvariantCulture);
}
