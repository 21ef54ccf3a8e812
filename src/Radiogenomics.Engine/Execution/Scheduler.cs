using Radiogenomics.Engine.Workflow;

namespace Radiogenomics.Engine.Execution;

/// <summary>
/// The engine's own scheduler (what <c>rg run</c> uses; Cake users get Cake's task graph instead): starts every
/// stage of a session as soon as its needs have finished, at most <c>maxParallelism</c> at once. Cores and
/// exclusive resources are then shared out by the <see cref="ResourcePool"/> as each stage declared them.
/// </summary>
internal static class Scheduler
{
    public static async Task RunAsync(RunSession session, int maxParallelism, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, maxParallelism));
        var tasks = new Dictionary<string, Task>(StringComparer.Ordinal);
        foreach (var stage in session.Stages)
        {
            var needTasks = stage.Needs.Where(tasks.ContainsKey).Select(n => tasks[n]).ToList();
            tasks[stage.Id] = Task.Run(async () =>
            {
                await Task.WhenAll(needTasks).ConfigureAwait(false);
                if (!NeedsComplete(session, stage)) { await session.RunStageAsync(stage.Id, cancellationToken).ConfigureAwait(false); return; } // skips at once
                try { await slots.WaitAsync(cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { await session.RunStageAsync(stage.Id, cancellationToken).ConfigureAwait(false); return; }
                try { await session.RunStageAsync(stage.Id, cancellationToken).ConfigureAwait(false); }
                finally { slots.Release(); }
            }, CancellationToken.None);
        }
        await Task.WhenAll(tasks.Values).ConfigureAwait(false);
    }

    private static bool NeedsComplete(RunSession session, ValidatedStage stage) =>
        stage.Needs.All(n => session.Outcome(n) is null or { Status: StageStatus.Cached or StageStatus.Executed });
}
