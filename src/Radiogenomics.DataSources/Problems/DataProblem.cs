namespace Radiogenomics.DataSources;

/// <summary>
/// One bad record in an input file, said so a person can fix it: where (file, line, record), what is wrong,
/// and what to do. Parsers collect these instead of stopping at the first one.
/// </summary>
/// <param name="File">The file (or source name) the record came from.</param>
/// <param name="Line">1-based line number; 0 when the problem concerns the whole file.</param>
/// <param name="Record">What the record is, e.g. a gene id, a column name, "header".</param>
/// <param name="Reason">What is wrong with it.</param>
/// <param name="Fix">What to do about it.</param>
public sealed record DataProblem(string File, long Line, string Record, string Reason, string Fix)
{
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}: {Record}: {Reason}. Fix: {Fix}" : $"{File}: {Record}: {Reason}. Fix: {Fix}";
}
