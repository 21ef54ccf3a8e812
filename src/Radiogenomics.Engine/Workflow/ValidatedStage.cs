using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Workflow;

/// <summary>A stage bound to its kind with typed, defaulted parameters.</summary>
public sealed record ValidatedStage(StageDefinition Definition, StageKind Kind, ResolvedParameters Parameters)
{
    public string Id => Definition.Id;
    public IReadOnlyList<string> Needs => Definition.Needs;
}
