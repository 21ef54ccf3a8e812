using Radiogenomics.Engine.Execution.Slurm;
using Xunit;

namespace Radiogenomics.Cli.Tests;

/// <summary>
/// When slurmctld stops answering while shards run, the executor waits <c>controller_timeout_seconds</c> and then fails
/// the stage saying so, instead of polling forever (seen when another test suite stopped the shared local cluster).
/// Stand-in client commands (no cluster needed): sbatch accepts the array, scontrol cannot reach the controller.
/// </summary>
public sealed class SlurmControllerLossTests : IDisposable
{
    private readonly string _bin = Path.Combine(Path.GetTempPath(), "rg-fake-slurm-" + Guid.NewGuid().ToString("N")[..10]);

    public SlurmControllerLossTests()
    {
        Directory.CreateDirectory(_bin);
        Script("sbatch", "echo 4242");
        Script("scontrol", "echo 'slurm_load_jobs error: Unable to contact slurm controller (connect failure)' >&2; exit 1");
        Script("scancel", "exit 0");
        Script("squeue", "exit 0");
    }

    public void Dispose()
    {
        try { Directory.Delete(_bin, recursive: true); } catch (IOException) { }
    }

    private void Script(string name, string body)
    {
        string path = Path.Combine(_bin, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task A_controller_that_stops_answering_fails_the_stage_after_the_timeout()
    {
        using var ws = new ShardWorkspace("rg-slurm-lost");
        var profile = new SlurmProfile
        {
            Probe = false, PollSeconds = 0.05, ControllerTimeoutSeconds = 0.5,
            Kinds = new Dictionary<string, SlurmKindResources> { ["associate.lme"] = new() { Shards = 4, Cpus = 1 } },
        };
        var executor = new SlurmExecutor(ws.Workspace, profile, new SlurmCommands { ProgramDirectory = _bin });
        var started = DateTime.UtcNow;
        var report = await ws.RunAsync(executor, cancellationToken: TestContext.Current.CancellationToken);
        // The first stage (fetch.tables, one task) already goes to the cluster; its need associate does not start.
        Assert.NotNull(report["tables"].Error);
        Assert.Contains("the Slurm controller has not answered for", report["tables"].Error);
        Assert.Contains("job 4242 had 1 unfinished task(s)", report["tables"].Error);
        Assert.Contains("Unable to contact slurm controller", report["tables"].Error);
        Assert.NotEqual(Radiogenomics.Engine.Execution.StageStatus.Executed, report["associate"].Status);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(2), "gave up in bounded time");
        Assert.Equal(0, ws.CommittedShards);
    }

    [Fact]
    public void The_timeout_is_a_profile_setting()
    {
        string path = Path.Combine(_bin, "slurm.yaml");
        File.WriteAllText(path, "slurm:\n  controller_timeout_seconds: 42\n");
        Assert.Equal(42, SlurmProfile.Load(path).ControllerTimeoutSeconds);
    }
}
