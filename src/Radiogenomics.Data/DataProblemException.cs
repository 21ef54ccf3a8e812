namespace Radiogenomics.Data;

/// <summary>
/// Bad input data: every problem found in the file, not just the first. A single problem's message is the
/// problem itself (<c>file: record: reason. Fix: fix</c>). A <see cref="FormatException"/>, which the engine
/// shows to the user as the message alone, without a type name or stack trace.
/// </summary>
public sealed class DataProblemException : FormatException
{
    private const int ListedInMessage = 20;

    public DataProblemException(IReadOnlyList<DataProblem> problems)
        : base(BuildMessage(problems)) => Problems = problems;

    public DataProblemException(DataProblem problem) : this([problem]) { }

    public DataProblemException(string file, string record, string reason, string fix) : this(new DataProblem(file, record, reason, fix)) { }

    public IReadOnlyList<DataProblem> Problems { get; }

    private static string BuildMessage(IReadOnlyList<DataProblem> problems)
    {
        if (problems.Count == 1) return problems[0].ToString();
        var file = problems.Count > 0 ? problems[0].File : "input";
        var lines = problems.Take(ListedInMessage).Select(p => "  " + p);
        var more = problems.Count > ListedInMessage ? $"{Environment.NewLine}  ... and {problems.Count - ListedInMessage} more" : "";
        return $"{problems.Count} problem(s) in {file}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}
