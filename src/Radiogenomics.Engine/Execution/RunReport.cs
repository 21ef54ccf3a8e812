namespace Radiogenomics.Engine.Execution;

/// <summary>The result of a run: every stage's outcome and the archive folder holding its provenance.</summary>
public sealed record RunReport(string Workflow, IReadOnlyList<string> Targets, IReadOnlyList<StageOutcome> Stages, string? RunDirectory,
    DateTimeOffset StartedUtc, DateTimeOffset EndedUtc)
{
    public bool Succeeded => Stages.All(s => s.Status is StageStatus.Cached or StageStatus.Executed);
    public StageOutcome this[string stageId] => Stages.First(s => s.StageId == stageId);
}
