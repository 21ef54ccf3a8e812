namespace Radiogenomics.Engine.Execution;

/// <summary>A stage in a plan: cached or not, and why.</summary>
public sealed record PlannedStage(string StageId, string TaskName, string Kind, StageStatus Status, IReadOnlyList<string> Reasons, string? Key);
