using Radiogenomics.Engine.Execution.OutOfProcess;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Execution;

/// <summary>
/// Runs one stage kind against a prepared <see cref="StageContext"/> (its scratch folder, inputs and parameters)
/// and returns when its outputs are in the scratch folder. It never touches the cache: the <see cref="Committer"/>
/// takes the outputs from there. <see cref="InProcessExecutor"/> runs it on this process's threads,
/// <see cref="SubprocessExecutor"/> in a worker process, <c>SlurmExecutor</c> as a Slurm job.
/// </summary>
public interface IStageExecutor
{
    Task ExecuteAsync(StageContext context, CancellationToken cancellationToken);

    /// <summary>How many shards an execution of <paramref name="kind"/> (an <see cref="IShardableStageKind"/>) is split into; 1 runs it whole.</summary>
    int ShardsFor(StageKind kind) => 1;

    /// <summary>
    /// Runs the shard jobs of one execution (those the cache did not have) and calls <paramref name="finished"/> with
    /// each job and its checked shard file as soon as that shard is done, so the committer keeps it even if a later
    /// shard fails; throws when a shard failed for good. Here: one after another on this process's threads.
    /// </summary>
    async Task ExecuteShardsAsync(StageContext context, IReadOnlyList<StageJob> jobs, Func<StageJob, string, Task> finished, CancellationToken cancellationToken)
    {
        var kind = (IShardableStageKind)context.Kind;
        foreach (var job in jobs)
        {
            Directory.CreateDirectory(job.Directory);
            await Task.Run(() => kind.RunShardAsync(context, job.Shard!.Value, job.ShardOutput!, cancellationToken), cancellationToken).ConfigureAwait(false);
            await finished(job, job.ShardOutput!).ConfigureAwait(false);
        }
    }
}
