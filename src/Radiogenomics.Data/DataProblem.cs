namespace Radiogenomics.Data;

/// <summary>
/// One bad record in an input file, said so a person can fix it: where (file, line, record), what is wrong,
/// and what to do. The one problem type of the libraries: parsers collect these instead of stopping at the
/// first one, fetch stages write them to their errors table (<see cref="ProblemTable"/>), and a single one
/// thrown as a <see cref="DataProblemException"/> reads exactly like the engine's stage input errors.
/// </summary>
/// <param name="File">The file (or source name) the record came from.</param>
/// <param name="Line">1-based line number; 0 when the problem concerns the whole file or the line is part of <paramref name="Record"/>.</param>
/// <param name="Record">What the record is, e.g. a gene id, a column name, "header", "row 3 (line 4), column 'x'".</param>
/// <param name="Reason">What is wrong with it.</param>
/// <param name="Fix">What to do about it.</param>
public sealed record DataProblem(string File, long Line, string Record, string Reason, string Fix)
{
    /// <summary>A problem not tied to a line number (the record names its place).</summary>
    public DataProblem(string file, string record, string reason, string fix) : this(file, 0, record, reason, fix) { }

    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}: {Record}: {Reason}. Fix: {Fix}" : $"{File}: {Record}: {Reason}. Fix: {Fix}";
}
