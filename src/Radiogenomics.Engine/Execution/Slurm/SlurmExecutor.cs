using System.Globalization;
using System.Text;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution.OutOfProcess;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Execution.Slurm;

/// <summary>
/// Runs each stage execution as a Slurm job and a sharded one as one <c>sbatch --array</c> of the shards the cache
/// lacks; each task runs <c>rg stage-run job.json</c> (<see cref="StageWorker"/>) in a staging folder under the
/// workspace's cache. State comes from <c>scontrol show job -o</c> and the exit-code file the batch script writes
/// (no accounting needed); failed tasks are resubmitted up to <see cref="SlurmProfile.Retries"/> times; cancelling the
/// run cancels the whole array (scancel) and waits until squeue no longer lists it.
/// <para>
/// Assumes one shared file system: the workspace, its cache and the worker's rg.dll are visible at the same paths on
/// every compute node. Before the first job a probe job checks that (a file it writes must appear here), with a clear
/// error when it does not. Arrays in flight are listed in <c>cache/slurm-jobs/</c>, so the next run on the workspace
/// cancels the arrays of a submitter that was killed; their shards that were committed are reused, the rest rerun.
/// </para>
/// </summary>
public sealed class SlurmExecutor : IStageExecutor
{
    private readonly Workspace _workspace;
    private readonly SlurmProfile _profile;
    private readonly SlurmCommands _commands;
    private readonly WorkerCommand _worker;
    private readonly SemaphoreSlim _readiness = new(1, 1);
    private bool _ready;

    public SlurmExecutor(Workspace workspace, SlurmProfile profile, SlurmCommands? commands = null)
    {
        _workspace = workspace;
        _profile = profile;
        _commands = commands ?? SlurmCommands.Default;
        _worker = profile.Worker ?? WorkerCommand.Default();
    }

    private string JobsDirectory => Path.Combine(_workspace.CacheDirectory, "slurm-jobs");

    public int ShardsFor(StageKind kind) => _profile.For(kind.Name).Shards ?? 1;

    public async Task ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        var job = StageJob.For(context, _workspace);
        await RunArrayAsync(context, [job], j =>
        {
            StageJobResult.Apply(j, context);
            // The worker's lines (the kind's log, warnings) go into the stage's log, as for an in-process run.
            foreach (var line in File.ReadLines(j.PathIn(ShardedExecution.LogName(j.Attempt)))) context.Log("worker: " + line);
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task ExecuteShardsAsync(StageContext context, IReadOnlyList<StageJob> jobs, Func<StageJob, string, Task> finished, CancellationToken cancellationToken) =>
        RunArrayAsync(context, jobs, j => finished(j, StageJobResult.ShardOutput(j)), cancellationToken);

    private static int IndexOf(StageJob job) => job.Shard?.Index ?? 0;

    private async Task RunArrayAsync(StageContext context, IReadOnlyList<StageJob> jobs, Func<StageJob, Task> accept, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var pending = jobs.ToList();
        for (int attempt = 1; ; attempt++)
        {
            var batch = pending.Select(j => j with { Attempt = attempt }).ToList();
            foreach (var job in batch)
            {
                Directory.CreateDirectory(job.Directory);
                File.Delete(job.PathIn(StageJob.ResultFile));
                File.Delete(job.PathIn(StageJob.ExitCodeFile));
                job.Write(job.PathIn(StageJob.FileName));
            }
            string script = WriteScript(context, batch, attempt);
            string id = await _commands.SubmitAsync(Options(context, batch), script, cancellationToken).ConfigureAwait(false);
            string registration = Path.Combine(JobsDirectory, id);
            AtomicFile.WriteAllText(registration, $"{context.StageId} attempt {attempt}\n");
            context.Log($"Slurm job {id}: {batch.Count} task(s) (array {string.Join(",", batch.Select(IndexOf))}), attempt {attempt}");
            List<(StageJob Job, string Why)> failed;
            try
            {
                failed = await WaitAsync(id, batch, accept, context, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await CancelAndWaitAsync(id).ConfigureAwait(false);
                throw;
            }
            finally
            {
                File.Delete(registration);
            }
            if (failed.Count == 0) return;
            foreach (var (job, why) in failed) context.Log($"Slurm job {id}: task {IndexOf(job)} failed: {why}");
            if (attempt > _profile.Retries)
                throw new EngineException($"stage '{context.StageId}': {string.Join("; ", failed.Select(f => $"{(f.Job.Shard is { } s ? $"shard {s}" : "job")} failed on attempt {attempt}: {f.Why}"))} " +
                                          $"(after {_profile.Retries} retr{(_profile.Retries == 1 ? "y" : "ies")}; the shards that finished are committed and a rerun runs only the others)");
            pending = failed.Select(f => f.Job).ToList();
        }
    }

    /// <summary>Polls scontrol until every task is done; accepts each finished task at once; returns the failed ones with why.</summary>
    private async Task<List<(StageJob Job, string Why)>> WaitAsync(string id, List<StageJob> batch, Func<StageJob, Task> accept, StageContext context, CancellationToken cancellationToken)
    {
        var open = batch.ToDictionary(IndexOf);
        var failed = new List<(StageJob, string)>();
        var delay = TimeSpan.FromSeconds(Math.Max(0.05, _profile.PollSeconds));
        DateTime? unreachableSince = null;
        while (open.Count > 0)
        {
            var (tasks, controllerProblem) = await _commands.TasksAsync(id, cancellationToken).ConfigureAwait(false);
            if (controllerProblem is not null)
            {
                // Without the controller nothing can be known about running shards: wait for it a while, then say so
                // rather than poll forever. Shards already accepted stay committed; a rerun resumes from them.
                unreachableSince ??= DateTime.UtcNow;
                double silent = (DateTime.UtcNow - unreachableSince.Value).TotalSeconds;
                if (silent >= _profile.ControllerTimeoutSeconds)
                    throw new EngineException($"the Slurm controller has not answered for {silent:0} s while job {id} had {open.Count} unfinished task(s) " +
                        $"(scontrol: {controllerProblem}); finished shards are committed. Fix: bring slurmctld back (`sinfo` lists the nodes) and rerun " +
                        "to resume, or raise slurm.controller_timeout_seconds in the profile");
            }
            else unreachableSince = null;
            foreach (var (index, job) in open.ToList())
            {
                var task = tasks?.FirstOrDefault(t => t.Index == index);
                int? code = ExitCode(job);
                // A task scontrol no longer knows (MinJobAge passed) is judged by its exit-code file alone.
                if (task is { Done: false } || (task is null && tasks is not null && code is null) || (tasks is null && code is null)) continue;
                open.Remove(index);
                if (task is { State: not "COMPLETED" } || code != 0)
                {
                    failed.Add((job, Describe(job, task, code)));
                    continue;
                }
                try
                {
                    await accept(job).ConfigureAwait(false);
                }
                catch (EngineException e)
                {
                    failed.Add((job, e.Message));
                }
            }
            if (open.Count > 0) await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        return failed;
    }

    private static int? ExitCode(StageJob job) =>
        File.Exists(job.PathIn(StageJob.ExitCodeFile)) && int.TryParse(File.ReadAllText(job.PathIn(StageJob.ExitCodeFile)).Trim(), out int code) ? code : null;

    private static string Describe(StageJob job, SlurmTask? task, int? code)
    {
        string log = job.PathIn(ShardedExecution.LogName(job.Attempt));
        string? reason = File.Exists(log) ? File.ReadLines(log).FirstOrDefault(l => l.StartsWith("stage-run: failed", StringComparison.Ordinal)) : null;
        return $"{task?.State ?? "gone from scontrol"}, exit {(code?.ToString(CultureInfo.InvariantCulture) ?? "unknown (no exit-code file)")}" +
               (task is { Signal: > 0 } ? $", signal {task.Signal}" : "") + (task?.Node is { } node ? $", on {node}" : "") +
               (reason is not null ? $": {reason["stage-run: failed: ".Length..]}" : "");
    }

    private List<string> Options(StageContext context, List<StageJob> batch)
    {
        var r = _profile.For(context.Kind.Name);
        int cpus = r.Cpus ?? _profile.Cpus ?? Math.Max(1, context.Kind.Resources(context.Parameters).Threads);
        var options = new List<string>
        {
            "--array=" + string.Join(",", batch.Select(IndexOf)), "--job-name=rg-" + context.StageId, "--chdir=" + _workspace.Root,
            "--output=" + Path.Combine(context.ScratchDirectory, "slurm-%A_%a.out"), "--cpus-per-task=" + cpus.ToString(CultureInfo.InvariantCulture),
        };
        if ((r.Memory ?? _profile.Memory) is { } mem) options.Add("--mem=" + mem);
        if (r.Gres is { } gres) options.Add("--gres=" + gres);
        else if (context.Device == "cuda") options.Add("--gres=gpu:1");
        if ((r.Partition ?? _profile.Partition) is { } partition) options.Add("--partition=" + partition);
        if ((r.Time ?? _profile.Time) is { } time) options.Add("--time=" + time);
        return options;
    }

    /// <summary>The batch script: array task → job folder, the worker with its log, then the exit-code file (written atomically).</summary>
    private string WriteScript(StageContext context, List<StageJob> batch, int attempt)
    {
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n# rg: stage ").Append(context.StageId).Append(", attempt ").Append(attempt).Append('\n');
        s.Append("case \"$SLURM_ARRAY_TASK_ID\" in\n");
        foreach (var job in batch) s.Append("  ").Append(IndexOf(job)).Append(") dir=").Append(WorkerCommand.Quote(job.Directory)).Append(" ;;\n");
        s.Append("  *) echo \"rg: no job for array task $SLURM_ARRAY_TASK_ID\" >&2; exit 2 ;;\nesac\n");
        s.Append(string.Join(' ', new[] { _worker.Program }.Concat(_worker.Arguments).Select(WorkerCommand.Quote)))
            .Append(" stage-run \"$dir/").Append(StageJob.FileName).Append("\" > \"$dir/").Append(ShardedExecution.LogName(attempt)).Append("\" 2>&1\n");
        s.Append("rc=$?\necho \"$rc\" > \"$dir/").Append(StageJob.ExitCodeFile).Append(".tmp\" && mv -f \"$dir/").Append(StageJob.ExitCodeFile).Append(".tmp\" \"$dir/")
            .Append(StageJob.ExitCodeFile).Append("\"\nexit \"$rc\"\n");
        string path = Path.Combine(context.ScratchDirectory, $"slurm-attempt-{attempt}.sh");
        File.WriteAllText(path, s.ToString());
        return path;
    }

    private async Task CancelAndWaitAsync(string id)
    {
        await _commands.CancelAsync(id).ConfigureAwait(false);
        for (int i = 0; i < 100 && await _commands.ActiveCountAsync(id).ConfigureAwait(false) > 0; i++) await Task.Delay(100).ConfigureAwait(false);
    }

    /// <summary>Once per executor: the client commands answer, arrays of a killed earlier run are cancelled, and a probe job sees our file system.</summary>
    private async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        await _readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready) return;
            Directory.CreateDirectory(JobsDirectory);
            foreach (var leftover in Directory.EnumerateFiles(JobsDirectory).ToList())
            {
                // We hold the workspace lock: an array registered here belongs to a run that died without cancelling it.
                await CancelAndWaitAsync(Path.GetFileName(leftover)).ConfigureAwait(false);
                File.Delete(leftover);
            }
            if (_profile.Probe) await ProbeAsync(cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
        finally
        {
            _readiness.Release();
        }
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        string folder = Path.Combine(_workspace.TempDirectory, "slurm-probe-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            string seen = Path.Combine(folder, "seen");
            string workerFile = _worker.Arguments.FirstOrDefault(a => a.EndsWith(".dll", StringComparison.Ordinal)) ?? _worker.Program;
            string wrap = $"if test -r {WorkerCommand.Quote(workerFile)}; then echo \"ok $(hostname)\"; else echo \"no-worker $(hostname)\"; fi > {WorkerCommand.Quote(seen)}";
            var options = new List<string> { "--job-name=rg-probe", "--output=" + Path.Combine(folder, "probe.out"), "--chdir=" + _workspace.Root, "--wrap=" + wrap };
            if (_profile.Partition is { } partition) options.Add("--partition=" + partition);
            var (code, stdout, stderr) = await _commands.RunAsync("sbatch", ["--parsable", .. options], cancellationToken).ConfigureAwait(false);
            if (code != 0) throw new EngineException($"sbatch refused the shared-file-system probe job: {stderr.Trim()}");
            string id = stdout.Trim().Split(';')[0];
            var deadline = DateTime.UtcNow.AddSeconds(120);
            SlurmTask? task = null;
            while (DateTime.UtcNow < deadline)
            {
                var (c, o, _) = await _commands.RunAsync("scontrol", ["show", "job", "-o", id], cancellationToken).ConfigureAwait(false);
                var state = c == 0 ? System.Text.RegularExpressions.Regex.Match(o, @"JobState=(\S+)").Groups[1].Value : "";
                task = new SlurmTask(0, state, 0, 0, System.Text.RegularExpressions.Regex.Match(o, @"BatchHost=(\S+)").Groups[1].Value);
                if (task.Done) break;
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.05, _profile.PollSeconds)), cancellationToken).ConfigureAwait(false);
            }
            if (task is not { Done: true })
            {
                await _commands.CancelAsync(id).ConfigureAwait(false);
                throw new EngineException($"the Slurm probe job {id} did not finish within 120 s (state {task?.State}): is a node of the partition idle (sinfo)?");
            }
            string answer = File.Exists(seen) ? File.ReadAllText(seen).Trim() : "";
            if (answer.StartsWith("no-worker", StringComparison.Ordinal))
                throw new EngineException($"the worker {workerFile} is not readable on compute node {answer[10..]}: put rg on the shared file system (or set slurm.worker in the profile)");
            if (!answer.StartsWith("ok", StringComparison.Ordinal))
                throw new EngineException($"a probe job ran on {task.Node} ({task.State}) but the file it wrote, {seen}, is not visible here: the Slurm executor assumes the workspace " +
                                          $"{_workspace.Root} and its cache {_workspace.CacheDirectory} are one shared file system mounted at the same path on the submitting machine and every compute node");
        }
        finally
        {
            Committer.TryDeleteDirectory(folder);
        }
    }
}
