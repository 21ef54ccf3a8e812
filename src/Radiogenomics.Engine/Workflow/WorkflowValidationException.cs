namespace Radiogenomics.Engine.Workflow;

/// <summary>Thrown when a workflow file has problems; carries every problem, not just the first.</summary>
public sealed class WorkflowValidationException(IReadOnlyList<WorkflowProblem> problems)
    : Exception(FormatMessage(problems))
{
    public IReadOnlyList<WorkflowProblem> Problems { get; } = problems;

    private static string FormatMessage(IReadOnlyList<WorkflowProblem> problems) =>
        $"The workflow has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:" + Environment.NewLine +
        string.Join(Environment.NewLine, problems.Select(p => "  " + p));
}
