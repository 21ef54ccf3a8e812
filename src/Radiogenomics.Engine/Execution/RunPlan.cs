namespace Radiogenomics.Engine.Execution;

/// <summary>The stages a target needs, in order, each with its predicted status and reasons.</summary>
public sealed record RunPlan(string Workflow, IReadOnlyList<string> Targets, IReadOnlyList<PlannedStage> Stages);
