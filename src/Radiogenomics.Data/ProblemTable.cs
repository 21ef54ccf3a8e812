using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// The errors table every fetch stage writes: one row per problem with file, record, reason, fix and what was
/// done (skipped or failed). With <c>on_error: fail</c> the first problems stop the stage; with <c>skip</c>
/// the bad records are left out and counted here, so nothing is dropped silently.
/// </summary>
public sealed class ProblemTable
{
    private readonly List<(string File, string Record, string Reason, string Fix, string Action)> _rows = [];

    public int Count => _rows.Count;

    public void Add(string file, string record, string reason, string fix, string action = "skipped") => _rows.Add((file, record, reason, fix, action));

    public void AddRange(IEnumerable<DataProblem> problems, string action = "skipped")
    {
        foreach (var p in problems) Add(p.File, p.Line > 0 ? $"line {p.Line}: {p.Record}" : p.Record, p.Reason, p.Fix, action);
    }

    /// <summary>The first problem whose record was skipped, as the exception <c>on_error: fail</c> raises.</summary>
    public DataProblemException FirstError(string summary)
    {
        var row = _rows.First(r => r.Action == "skipped");
        return new DataProblemException(row.File, row.Record, $"{row.Reason} ({summary})", row.Fix + "; or set on_error: skip to leave such records out");
    }

    public Table ToTable() => new Table()
        .Add("file", _rows.Select(r => (string?)r.File).ToArray())
        .Add("record", _rows.Select(r => (string?)r.Record).ToArray())
        .Add("reason", _rows.Select(r => (string?)r.Reason).ToArray())
        .Add("fix", _rows.Select(r => (string?)r.Fix).ToArray())
        .Add("action", _rows.Select(r => (string?)r.Action).ToArray());
}
