namespace Radiogenomics.Engine.Workflow;

/// <summary>A parsed workflow file: its name and stages in file order.</summary>
public sealed record WorkflowDefinition
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public required string SourcePath { get; init; }
    public required IReadOnlyList<StageDefinition> Stages { get; init; }

    /// <summary>Folders outside the workspace that inputs may come from (absolute, or relative to the workspace), as declared under <c>external_roots</c>.</summary>
    public IReadOnlyList<string> ExternalRoots { get; init; } = [];

    public StageDefinition? Find(string idOrTaskName) =>
        Stages.FirstOrDefault(s => s.Id == idOrTaskName)
        ?? Stages.FirstOrDefault(s => string.Equals(s.TaskName, idOrTaskName, StringComparison.OrdinalIgnoreCase));
}
