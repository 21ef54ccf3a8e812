namespace Radiogenomics.Engine.Workflow;

/// <summary>One validation finding, printed as "file:line:col: message".</summary>
public sealed record WorkflowProblem(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
