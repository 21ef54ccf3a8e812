using Radiogenomics.Engine.Execution.OutOfProcess;
using Radiogenomics.Engine.Hashing;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Engine.Workflow;

namespace Radiogenomics.Engine.Execution;

/// <summary>
/// One execution of an <see cref="IShardableStageKind"/> split into shards: each shard has its own key (the stage's
/// key, its index and the count; the stage key already holds every input's digest), so shards committed by an earlier
/// execution that failed or was killed are reused and only the missing ones run; each finished shard is committed
/// at once; the merge then writes the stage's outputs into the scratch folder like an unsharded run.
/// </summary>
internal sealed class ShardedExecution(Committer committer, IStageExecutor executor, Caching.Workspace workspace)
{
    public static string ShardKey(string stageKey, StageShard shard) => Sha256Hex.OfText($"{stageKey}\nshard {shard.Index} of {shard.Count}");

    public async Task RunAsync(ValidatedStage stage, RebuildDecision decision, StageContext context, int count,
        Func<StageShard, int, string, string?> keepLog, CancellationToken cancellationToken)
    {
        var kind = (IShardableStageKind)stage.Kind;
        var files = new string[count];
        var missing = new List<StageJob>();
        for (int i = 0; i < count; i++)
        {
            var shard = new StageShard(i, count);
            if (committer.FindShard(ShardKey(decision.Key!, shard)) is { } cached) files[i] = cached;
            else missing.Add(StageJob.For(context, workspace, shard, Path.Combine(context.ScratchDirectory, "shards", i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
        context.Log($"{count} shards: {count - missing.Count} reused from an earlier execution, {missing.Count} to run" +
                    (missing.Count > 0 && missing.Count < count ? $" ({string.Join(", ", missing.Select(j => j.Shard!.Value.Index))})" : ""));
        var logs = new List<string>();
        var gate = new object();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (missing.Count > 0)
            await executor.ExecuteShardsAsync(context, missing, (job, file) =>
            {
                var shard = job.Shard!.Value;
                lock (gate)
                {
                    files[shard.Index] = committer.CommitShard(ShardKey(decision.Key!, shard), stage.Id, shard, file);
                    if (keepLog(shard, job.Attempt, job.PathIn(LogName(job.Attempt))) is { } kept) logs.Add(kept);
                }
                context.Log($"shard {shard} committed");
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
        double shardSeconds = clock.Elapsed.TotalSeconds;
        context.Report(null, "merging shards");
        clock.Restart();
        await kind.MergeShardsAsync(context, files, cancellationToken).ConfigureAwait(false);
        context.Record("shards", new
        {
            count, reused = count - missing.Count, ran = missing.Select(j => j.Shard!.Value.Index).ToArray(), logs = logs.Order(StringComparer.Ordinal).ToArray(),
            shards_seconds = Math.Round(shardSeconds, 2), merge_seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
        });
    }

    /// <summary>The worker's log of one attempt in a job's folder (out-of-process executors write it there).</summary>
    public static string LogName(int attempt) => $"attempt-{attempt}.log";
}
