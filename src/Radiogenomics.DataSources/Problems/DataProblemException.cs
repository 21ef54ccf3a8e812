namespace Radiogenomics.DataSources;

/// <summary>Thrown under <see cref="BadRecordPolicy.Fail"/>: every problem found in the file, not just the first.</summary>
public sealed class DataProblemException : FormatException
{
    private const int ListedInMessage = 20;

    public DataProblemException(IReadOnlyList<DataProblem> problems)
        : base(BuildMessage(problems)) => Problems = problems;

    public IReadOnlyList<DataProblem> Problems { get; }

    private static string BuildMessage(IReadOnlyList<DataProblem> problems)
    {
        var file = problems.Count > 0 ? problems[0].File : "input";
        var lines = problems.Take(ListedInMessage).Select(p => "  " + p);
        var more = problems.Count > ListedInMessage ? $"{Environment.NewLine}  ... and {problems.Count - ListedInMessage} more" : "";
        return $"{problems.Count} problem(s) in {file}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}
