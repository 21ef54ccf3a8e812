namespace Radiogenomics.Engine.Execution;

/// <summary>
/// Receives a run's events. Front ends implement it (a live Spectre.Console view on a terminal, plain
/// lines in CI); the engine itself never writes to the console. Calls can come from several threads.
/// </summary>
public interface IRunObserver
{
    void RunStarted(RunPlan plan) { }
    void WaitingForLock(string holder) { }
    void StageStarted(string stageId, string device) { }
    void StageProgress(string stageId, Stages.StageProgress progress) { }
    void StageLog(string stageId, string message) { }
    void StageFinished(StageOutcome outcome) { }
    void RunFinished(RunReport report) { }
}
