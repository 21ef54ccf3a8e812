using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Execution;

/// <summary>Runs the stage kind on a thread-pool thread of this process.</summary>
public sealed class InProcessExecutor : IStageExecutor
{
    public static readonly InProcessExecutor Instance = new();

    public Task ExecuteAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.Run(() => context.Kind.RunAsync(context, cancellationToken), cancellationToken);
}
