namespace Radiogenomics.Engine.Stages;

/// <summary>
/// Bad input data found by a stage: names the file, the record and the fix, and is shown to the user
/// without a stack trace. Nothing cached is touched when a stage throws it.
/// </summary>
public sealed class StageInputException(string file, string record, string problem, string fix)
    : Exception($"{file}: {record}: {problem}. Fix: {fix}")
{
    public string File { get; } = file;
    public string Record { get; } = record;
    public string Problem { get; } = problem;
    public string Fix { get; } = fix;
}
