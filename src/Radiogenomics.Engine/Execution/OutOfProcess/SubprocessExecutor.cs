using System.Diagnostics;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Execution.OutOfProcess;

/// <summary>
/// Runs each execution (or shard) in a worker process on this machine, <c>rg stage-run job.json</c>, through the
/// same <see cref="StageJob"/> hand-over as the Slurm executor: it proves that a stage run elsewhere gives the bytes of
/// an in-process run, and runs shards in parallel processes (at most <see cref="Parallelism"/>, failed ones retried).
/// </summary>
public sealed class SubprocessExecutor(Workspace workspace, WorkerCommand? worker = null, IReadOnlyDictionary<string, int>? shards = null) : IStageExecutor
{
    private readonly WorkerCommand _worker = worker ?? WorkerCommand.Default();

    /// <summary>Shards run at once.</summary>
    public int Parallelism { get; init; } = System.Environment.ProcessorCount;

    /// <summary>Further tries of a failed shard.</summary>
    public int Retries { get; init; } = 1;

    /// <summary>Variables set for the worker (e.g. <see cref="StageWorker.InjectFailureVariable"/> in tests).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public int ShardsFor(StageKind kind) => shards?.GetValueOrDefault(kind.Name, 1) ?? 1;

    public async Task ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        var job = StageJob.For(context, workspace);
        int code = await RunWorkerAsync(job, context, cancellationToken).ConfigureAwait(false);
        if (code != 0) throw Failed(job, code);
        StageJobResult.Apply(job, context);
    }

    public async Task ExecuteShardsAsync(StageContext context, IReadOnlyList<StageJob> jobs, Func<StageJob, string, Task> finished, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, Parallelism));
        var failures = new List<Exception>();
        await Task.WhenAll(jobs.Select(async first =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                for (var job = first; ; job = job with { Attempt = job.Attempt + 1 })
                {
                    int code = await RunWorkerAsync(job, context, cancellationToken).ConfigureAwait(false);
                    if (code == 0)
                    {
                        await finished(job, StageJobResult.ShardOutput(job)).ConfigureAwait(false);
                        return;
                    }
                    if (job.Attempt > Retries)
                    {
                        lock (failures) failures.Add(Failed(job, code));
                        return;
                    }
                    context.Log($"shard {job.Shard} failed (exit {code}), retrying");
                }
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
        if (failures.Count > 0) throw new EngineException(string.Join("; ", failures.Select(f => f.Message)));
    }

    private async Task<int> RunWorkerAsync(StageJob job, StageContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(job.Directory);
        File.Delete(job.PathIn(StageJob.ResultFile));
        string jobFile = job.PathIn(StageJob.FileName);
        job.Write(jobFile);
        var psi = new ProcessStartInfo(_worker.Program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in _worker.Arguments) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("stage-run");
        psi.ArgumentList.Add(jobFile);
        foreach (var (name, value) in Environment) psi.Environment[name] = value;
        using var log = new StreamWriter(job.PathIn(ShardedExecution.LogName(job.Attempt))) { AutoFlush = true };
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (log) log.WriteLine(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (log) log.WriteLine(line); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        if (job.Shard is null)
            foreach (var line in File.ReadLines(job.PathIn(ShardedExecution.LogName(job.Attempt)))) context.Log("worker: " + line);
        return process.ExitCode;
    }

    private static EngineException Failed(StageJob job, int code)
    {
        string log = job.PathIn(ShardedExecution.LogName(job.Attempt));
        string tail = File.Exists(log) ? string.Join(" | ", File.ReadLines(log).Where(l => l.StartsWith("stage-run: failed", StringComparison.Ordinal)).Take(1).Select(l => l.Split('\n')[0])) : "";
        return new EngineException($"stage '{job.StageId}'{(job.Shard is { } s ? $" shard {s}" : "")} failed in its worker (exit {code}, attempt {job.Attempt}){(tail.Length > 0 ? ": " + tail : "")}");
    }
}
