using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Execution;

/// <summary>Runs the stage kind on a thread-pool thread of this process (shards, when a kind is given a count, one after another).</summary>
public sealed class InProcessExecutor(IReadOnlyDictionary<string, int>? shards = null) : IStageExecutor
{
    public static readonly InProcessExecutor Instance = new();

    public Task ExecuteAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.Run(() => context.Kind.RunAsync(context, cancellationToken), cancellationToken);

    public int ShardsFor(StageKind kind) => shards?.GetValueOrDefault(kind.Name, 1) ?? 1;
}
