namespace Radiogenomics.Engine.Execution;

/// <summary>What happened (or, in a plan, will happen) to a stage.</summary>
public enum StageStatus
{
    /// <summary>Its key matched a stored record: outputs reused, nothing ran.</summary>
    Cached,
    /// <summary>Plan only: it will run, for the listed reasons.</summary>
    WillRun,
    /// <summary>Plan only: an upstream stage will run; this one stays cached if that output comes out identical (early cut-off).</summary>
    MayRun,
    Executed,
    Failed,
    /// <summary>Not run because something it needs failed or the run was cancelled.</summary>
    Skipped,
}
