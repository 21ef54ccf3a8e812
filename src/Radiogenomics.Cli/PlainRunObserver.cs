using System.Collections.Concurrent;
using System.Diagnostics;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Cli;

/// <summary>One line per event, for logs and CI where a live view would be noise. Progress is throttled.</summary>
public sealed class PlainRunObserver(TextWriter output) : IRunObserver
{
    private readonly ConcurrentDictionary<string, (Stopwatch Clock, double Fraction)> _progress = new();
    private readonly Lock _gate = new();

    private void Line(string text)
    {
        lock (_gate) output.WriteLine(text);
    }

    public void RunStarted(RunPlan plan) => Line($"workflow {plan.Workflow}: {plan.Stages.Count} stage(s) for target {string.Join(", ", plan.Targets)}");
    public void WaitingForLock(string holder) => Line($"waiting for the workspace lock held by {holder}");
    public void StageStarted(string stageId, string device)
    {
        _progress[stageId] = (Stopwatch.StartNew(), -1);
        Line($"[{stageId}] running on {device}");
    }

    public void StageProgress(string stageId, StageProgress progress)
    {
        var (clock, last) = _progress.GetOrAdd(stageId, _ => (Stopwatch.StartNew(), -1));
        double f = progress.Fraction ?? 0;
        // A line per 10 % or per 10 s keeps CI logs readable on long stages.
        if (f - last >= 0.1 || clock.Elapsed.TotalSeconds >= 10 || f >= 1 && last < 1)
        {
            _progress[stageId] = (clock.Elapsed.TotalSeconds >= 10 ? Stopwatch.StartNew() : clock, f);
            Line($"[{stageId}] {(progress.Fraction is { } x ? $"{x:P0} " : "")}{progress.Message}");
        }
    }

    public void StageLog(string stageId, string message) => Line($"[{stageId}] {message}");

    public void StageFinished(StageOutcome o) => Line(o.Status switch
    {
        StageStatus.Cached => $"[{o.StageId}] cached",
        StageStatus.Executed => $"[{o.StageId}] executed in {o.Elapsed.TotalSeconds:0.0} s ({string.Join("; ", o.Reasons)})",
        StageStatus.Failed => $"[{o.StageId}] FAILED: {o.Error}",
        _ => $"[{o.StageId}] skipped: {string.Join("; ", o.Reasons)}",
    });
}
