namespace Radiogenomics.DataSources;

/// <summary>Collects problems for one file and applies the caller's policy at the end.</summary>
internal sealed class ProblemLog(string file, BadRecordPolicy policy)
{
    private readonly List<DataProblem> _problems = [];

    public string File { get; } = file;
    public BadRecordPolicy Policy { get; } = policy;
    public IReadOnlyList<DataProblem> Problems => _problems;
    public int Count => _problems.Count;

    public void Add(long line, string record, string reason, string fix) =>
        _problems.Add(new DataProblem(File, line, record, reason, fix));

    /// <summary>Under <see cref="BadRecordPolicy.Fail"/>, throws when anything was reported; otherwise hands the list back.</summary>
    public IReadOnlyList<DataProblem> Complete()
    {
        if (Policy == BadRecordPolicy.Fail && _problems.Count > 0) throw new DataProblemException(_problems.ToArray());
        return _problems.ToArray();
    }
}
