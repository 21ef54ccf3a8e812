namespace Radiogenomics.Engine.Execution;

/// <summary>The result of a run: every stage's outcome and the archive folder holding its provenance.</summary>
public sealed record RunReport(string Workflow, IReadOnlyList<string> Targets, IReadOnlyList<StageOutcome> Stages, string? RunDirectory,
    DateTimeOffset StartedUtc, DateTimeOffset EndedUtc)
{
    public bool Succeeded => Stages.All(s => s.Status is StageStatus.Cached or StageStatus.Executed);

    /// <summary>The run was stopped (Ctrl-C, SIGTERM, a cancelled token); what finished is committed and the run is archived as failed.</summary>
    public bool Cancelled { get; init; }

    /// <summary>Nothing ran and the workflow's latest archived run already held these results: <see cref="RunDirectory"/> is that run, no folder was added.</summary>
    public bool ReusedArchive { get; init; }
    public StageOutcome this[string stageId] => Stages.First(s => s.StageId == stageId);
}
