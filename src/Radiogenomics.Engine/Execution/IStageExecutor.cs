using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Execution;

/// <summary>
/// Runs one stage kind against a prepared <see cref="StageContext"/> (its scratch folder, inputs and parameters)
/// and returns when its outputs are in the scratch folder. It never touches the cache: the <see cref="Committer"/>
/// takes the outputs from there. In-process today (<see cref="InProcessExecutor"/>); a batch-system executor
/// would run the same context in a job.
/// </summary>
public interface IStageExecutor
{
    Task ExecuteAsync(StageContext context, CancellationToken cancellationToken);
}
