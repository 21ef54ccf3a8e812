using System.Diagnostics;
using Xunit;

[assembly: AssemblyFixture(typeof(Radiogenomics.Cli.Tests.SlurmCluster))]

namespace Radiogenomics.Cli.Tests;

/// <summary>
/// The single-node Slurm cluster of scripts/slurm-local.sh for the Slurm tests: used as it is when already up (CI's
/// .ci/run starts it), else started here when we are root and stopped at the end. Without root and without the
/// packages the Slurm tests are skipped, saying why.
/// </summary>
public sealed class SlurmCluster : IDisposable
{
    private bool _startedHere;
    private readonly Lazy<string?> _problem;

    public SlurmCluster()
    {
        _problem = new Lazy<string?>(() =>
        {
            if (Script("status").Code == 0) return null;
            bool installed = File.Exists("/usr/sbin/slurmctld") && File.Exists("/usr/bin/sbatch");
            if (!Environment.IsPrivilegedProcess)
                return installed ? "the local Slurm cluster is down and only root can start it (sudo scripts/slurm-local.sh start)"
                    : "Slurm is not installed and only root can install it (sudo scripts/slurm-local.sh start)";
            var (code, output) = Script("start");
            if (code != 0) return "scripts/slurm-local.sh start failed: " + output;
            _startedHere = true;
            return null;
        });
    }

    /// <summary>Starts the cluster on first use (or skips the calling test, saying why it cannot run).</summary>
    public void Require()
    {
        if (_problem.Value is { } problem) Assert.Skip(problem);
    }

    private static (int Code, string Output) Script(string verb)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(CliWorkspace.RepositoryRoot, "scripts", "slurm-local.sh"));
        psi.ArgumentList.Add(verb);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3))) { p.Kill(); return (-1, "timed out"); }
        return (p.ExitCode, (stdout.Result + stderr.Result).Trim());
    }

    /// <summary>Jobs squeue still lists as queued or running, named rg-*.</summary>
    /// <summary>
    /// Pending or running rg jobs submitted from <paramref name="workspaceRoot"/> (the executor's --chdir): other test
    /// suites on the same machine share the one local cluster, so their jobs must not count.
    /// </summary>
    public static int ActiveRgJobs(string workspaceRoot)
    {
        var psi = new ProcessStartInfo("squeue", ["-h", "-o", "%j|%T|%Z"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workspaceRoot));
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('|'))
            .Count(f => f.Length == 3 && f[0].StartsWith("rg-", StringComparison.Ordinal) && Path.TrimEndingDirectorySeparator(f[2]) == root);
    }

    public void Dispose()
    {
        if (_startedHere && _problem.IsValueCreated) Script("stop");
    }
}
