namespace Radiogenomics.Engine.Stages;

/// <summary>
/// A stage kind whose work splits into shards that can run apart (another process, a cluster node): each shard
/// reads the stage's inputs and writes one file; <see cref="MergeShardsAsync"/> turns the shard files, in index
/// order, into the stage's declared outputs. The merge must give the bytes of an unsharded run, whatever the
/// shard count, so how a run is split is never part of the cache key of the stage.
/// </summary>
public interface IShardableStageKind
{
    /// <summary>Extension of a shard's file (e.g. ".parquet").</summary>
    string ShardExtension { get; }

    Task RunShardAsync(StageContext context, StageShard shard, string shardOutput, CancellationToken cancellationToken);

    Task MergeShardsAsync(StageContext context, IReadOnlyList<string> shardOutputs, CancellationToken cancellationToken);
}
