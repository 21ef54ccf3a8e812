using System.Collections.Concurrent;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Stages;
using Spectre.Console;

namespace Radiogenomics.Cli;

/// <summary>A Spectre.Console live view: one bar per stage with its status, elapsed time and latest message.</summary>
public sealed class LiveRunObserver(ProgressContext context) : IRunObserver
{
    private readonly ConcurrentDictionary<string, ProgressTask> _tasks = new();

    public void RunStarted(RunPlan plan)
    {
        foreach (var stage in plan.Stages)
            _tasks[stage.StageId] = context.AddTask($"[grey]{Markup.Escape(stage.StageId)}[/] waiting", autoStart: false, maxValue: 1.0);
    }

    public void WaitingForLock(string holder) => AnsiConsole.MarkupLine($"[yellow]waiting for the workspace lock held by {Markup.Escape(holder)}[/]");

    public void StageStarted(string stageId, string device)
    {
        var task = _tasks[stageId];
        task.Description = $"[blue]{Markup.Escape(stageId)}[/] running on {device}";
        task.StartTask();
    }

    public void StageProgress(string stageId, StageProgress progress)
    {
        if (!_tasks.TryGetValue(stageId, out var task)) return;
        if (!task.IsStarted) task.StartTask();
        if (progress.Fraction is { } f) task.Value = Math.Clamp(f, 0, 1);
        if (progress.Message is { } m) task.Description = $"[blue]{Markup.Escape(stageId)}[/] {Markup.Escape(m)}";
    }

    public void StageLog(string stageId, string message) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(stageId)}:[/] {Markup.Escape(message)}");

    public void StageFinished(StageOutcome o)
    {
        var task = _tasks[o.StageId];
        task.Description = o.Status switch
        {
            StageStatus.Cached => $"[green]{Markup.Escape(o.StageId)}[/] cached",
            StageStatus.Executed => $"[green]{Markup.Escape(o.StageId)}[/] executed",
            StageStatus.Failed => $"[red]{Markup.Escape(o.StageId)} failed[/]",
            _ => $"[yellow]{Markup.Escape(o.StageId)}[/] skipped",
        };
        if (!task.IsStarted) task.StartTask();
        task.Value = 1.0;
        task.StopTask();
    }
}
