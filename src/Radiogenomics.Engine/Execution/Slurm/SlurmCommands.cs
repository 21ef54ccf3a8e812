using System.Diagnostics;

namespace Radiogenomics.Engine.Execution.Slurm;

/// <summary>The Slurm client commands the executor uses (sbatch, scontrol, scancel), run with a time limit; no accounting (sacct) needed.</summary>
public sealed class SlurmCommands
{
    public static readonly SlurmCommands Default = new();

    /// <summary>Folder holding sbatch, scontrol, scancel and squeue; empty: looked up on PATH (tests put stand-ins here).</summary>
    public string ProgramDirectory { get; init; } = "";

    /// <summary>Variables given to sbatch, which exports its environment to the job (e.g. fault injection in tests).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public async Task<(int Code, string Out, string Error)> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo(ProgramDirectory.Length > 0 ? Path.Combine(ProgramDirectory, program) : program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        foreach (var (name, value) in Environment) psi.Environment[name] = value;
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new EngineException($"'{program}' is not on PATH: the Slurm executor needs the Slurm client commands (sbatch, scontrol, scancel; Debian package slurm-client) on the submitting machine");
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(); } catch (InvalidOperationException) { }
                if (cancellationToken.IsCancellationRequested) throw;
                throw new EngineException($"{program} {string.Join(' ', psi.ArgumentList)} did not answer within 60 s: is slurmctld up?");
            }
            return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }

    /// <summary>Submits a batch script; returns the job id (sbatch --parsable).</summary>
    public async Task<string> SubmitAsync(IEnumerable<string> options, string script, CancellationToken cancellationToken)
    {
        var (code, stdout, stderr) = await RunAsync("sbatch", ["--parsable", .. options, script], cancellationToken).ConfigureAwait(false);
        if (code != 0) throw new EngineException($"sbatch refused the job: {stderr.Trim()} (script {script})");
        return stdout.Trim().Split(';')[0];
    }

    /// <summary>
    /// The tasks of a job (array) that scontrol still knows — null when it forgot the job (MinJobAge passed) — or,
    /// when scontrol could not ask the controller (slurmctld down or unreachable), what it said.
    /// </summary>
    public async Task<(List<SlurmTask>? Tasks, string? ControllerProblem)> TasksAsync(string jobId, CancellationToken cancellationToken)
    {
        var (code, stdout, stderr) = await RunAsync("scontrol", ["show", "job", "-o", jobId], cancellationToken).ConfigureAwait(false);
        if (code == 0) return (SlurmTask.Parse(stdout), null);
        // "slurm_load_jobs error: Invalid job id specified": the controller answered and no longer knows the job.
        return stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase)
            ? (null, null)
            : (null, stderr.Trim().Length > 0 ? stderr.Trim() : $"scontrol exited with {code}");
    }

    public Task CancelAsync(string jobId) => RunAsync("scancel", [jobId], CancellationToken.None);

    /// <summary>Jobs of this array still queued or running, as squeue lists them (none after a cancellation has taken effect).</summary>
    public async Task<int> ActiveCountAsync(string jobId)
    {
        var (code, stdout, _) = await RunAsync("squeue", ["-h", "-j", jobId, "-o", "%i %T"], CancellationToken.None).ConfigureAwait(false);
        return code == 0 ? stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length : 0;
    }
}
