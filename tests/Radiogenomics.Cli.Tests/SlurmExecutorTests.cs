using System.Diagnostics;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Execution.OutOfProcess;
using Radiogenomics.Engine.Execution.Slurm;
using Xunit;

namespace Radiogenomics.Cli.Tests;

/// <summary>
/// The Slurm executor against real daemons (scripts/slurm-local.sh): a sharded association as one job array gives the
/// bytes of a local run; a failing shard is retried, and after a failure for good a resumed run reruns only it;
/// cancelling stops every job of the array; killing the submitting rg mid-run leaves the cache consistent and the
/// next run resumes from the shards that were committed.
/// </summary>
[Collection(nameof(SlurmExecutorTests))] // one array at a time on the 2-core node: the tests would only wait for each other
public sealed class SlurmExecutorTests(SlurmCluster cluster)
{
    private static SlurmProfile Profile(int shards = 8, int retries = 1) => new()
    {
        Retries = retries, PollSeconds = 0.1,
        Kinds = new Dictionary<string, SlurmKindResources> { ["associate.lme"] = new() { Shards = shards, Cpus = 1 } },
    };

    private static SlurmExecutor Executor(ShardWorkspace ws, SlurmProfile profile, string? inject = null) =>
        new(ws.Workspace, profile, new SlurmCommands
        {
            Environment = inject is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [StageWorker.InjectFailureVariable] = inject },
        });

    private static async Task<SortedDictionary<string, string>> LocalOutputs()
    {
        using var local = new ShardWorkspace();
        return ShardWorkspace.Outputs(await local.RunAsync(InProcessExecutor.Instance, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_sharded_association_on_the_cluster_equals_the_local_run_byte_for_byte()
    {
        cluster.Require();
        using var ws = new ShardWorkspace("rg-slurm");
        var report = await ws.RunAsync(Executor(ws, Profile()), archive: true, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(await LocalOutputs(), ShardWorkspace.Outputs(report));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], ShardWorkspace.ShardsRan(report));
        Assert.True(File.Exists(Path.Combine(report.RunDirectory!, "logs", "associate.shard-7.attempt-1.log")));
        Assert.Contains("on node localhost", File.ReadAllText(Path.Combine(report.RunDirectory!, "logs", "associate.shard-7.attempt-1.log")));
    }

    [Fact]
    public async Task A_failing_shard_is_retried_and_after_a_failure_for_good_a_resumed_run_reruns_only_it()
    {
        cluster.Require();
        using var flaky = new ShardWorkspace("rg-slurm");
        var retried = await flaky.RunAsync(Executor(flaky, Profile(), inject: "associate:2:1"), archive: true, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(StageStatus.Executed, retried["associate"].Status);
        Assert.True(File.Exists(Path.Combine(retried.RunDirectory!, "logs", "associate.shard-2.attempt-2.log")));

        using var ws = new ShardWorkspace("rg-slurm");
        var failed = await ws.RunAsync(Executor(ws, Profile(retries: 1), inject: "associate:5"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(StageStatus.Failed, failed["associate"].Status);
        Assert.Contains("shard 6/8 failed on attempt 2: FAILED, exit 1", failed["associate"].Error);
        Assert.Contains("injected failure of shard 6/8", failed["associate"].Error);
        Assert.Equal(7, ws.CommittedShards);

        var resumed = await ws.RunAsync(Executor(ws, Profile()), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([5], ShardWorkspace.ShardsRan(resumed));
        Assert.Equal(await LocalOutputs(), ShardWorkspace.Outputs(resumed));
    }

    [Fact]
    public async Task Cancelling_the_run_cancels_every_job_of_the_array()
    {
        cluster.Require();
        using var ws = new ShardWorkspace("rg-slurm");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var observer = new CancelOnSubmission(cts);
        var report = await ws.RunAsync(Executor(ws, Profile(shards: 16)), cancellationToken: cts.Token, observer: observer);
        Assert.True(observer.Submitted, "the array was never submitted");
        Assert.Equal(StageStatus.Failed, report["associate"].Status);
        Assert.Equal("cancelled", report["associate"].Error);
        Assert.Equal(0, SlurmCluster.ActiveRgJobs(ws.Root));
        Assert.False(Directory.EnumerateFiles(Path.Combine(ws.Workspace.CacheDirectory, "slurm-jobs")).Any());
    }

    [Fact]
    public async Task Killing_the_submitting_rg_leaves_a_consistent_cache_and_the_next_run_resumes_from_committed_shards()
    {
        cluster.Require();
        using var ws = new ShardWorkspace("rg-slurm");
        File.WriteAllText(Path.Combine(ws.Root, "slurm.yaml"), "slurm:\n  poll_seconds: 0.1\n  kinds:\n    associate.lme: {shards: 8, cpus: 1}\n");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = ws.Root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "rg.dll"), "run", "-w", "wf.yaml", "--executor", "slurm", "--slurm-profile", "slurm.yaml" }) psi.ArgumentList.Add(a);
        using (var rg = Process.Start(psi)!)
        {
            _ = rg.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            _ = rg.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (ws.CommittedShards < 2 && !rg.HasExited && DateTime.UtcNow < deadline) await Task.Delay(20, TestContext.Current.CancellationToken);
            Assert.False(rg.HasExited, "rg finished before it could be killed");
            rg.Kill(); // SIGKILL: no cancellation, no clean-up
            await rg.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        int committed = ws.CommittedShards;
        Assert.InRange(committed, 2, 7);

        var fsck = RgProcess.Run(ws.Root, "fsck");
        Assert.True(fsck.ExitCode == 0, fsck.Out + fsck.Error);
        var resumed = await ws.RunAsync(Executor(ws, Profile()), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(ShardWorkspace.ShardsRan(resumed).Length <= 8 - committed, $"reran {string.Join(",", ShardWorkspace.ShardsRan(resumed))} with {committed} committed");
        Assert.Equal(await LocalOutputs(), ShardWorkspace.Outputs(resumed));
        Assert.Equal(0, SlurmCluster.ActiveRgJobs(ws.Root)); // the killed run's array was cancelled by the next run
    }

    [Fact]
    public void A_profile_file_gives_resources_per_kind_and_names_a_wrong_setting()
    {
        using var ws = new ShardWorkspace();
        string path = Path.Combine(ws.Root, "slurm.yaml");
        File.WriteAllText(path, "slurm:\n  partition: debug\n  time: \"00:10:00\"\n  retries: 2\n  kinds:\n    associate.lme: {shards: 8, memory: 2G}\n    extract.dae: {gres: \"gpu:1\", cpus: 8}\n");
        var profile = SlurmProfile.Load(path);
        Assert.Equal(("debug", "00:10:00", 2), (profile.Partition, profile.Time, profile.Retries));
        Assert.Equal(8, profile.For("associate.lme").Shards);
        Assert.Equal("gpu:1", profile.For("extract.dae").Gres);
        Assert.Null(profile.For("normalize.features").Shards);
        File.WriteAllText(path, "slurm:\n  kinds:\n    associate.lme: {shard: 8}\n");
        var e = Assert.Throws<EngineException>(() => SlurmProfile.Load(path));
        Assert.Contains("unknown setting 'slurm.kinds.associate.lme.shard'", e.Message);
    }

    [Fact]
    public void Scontrol_records_give_each_started_task_its_state_and_exit_code_and_leave_pending_ranges_open()
    {
        const string output =
            "JobId=7 ArrayJobId=5 ArrayTaskId=2 JobName=rg-associate JobState=FAILED Reason=NonZeroExitCode ExitCode=1:0 BatchHost=node3\n" +
            "JobId=6 ArrayJobId=5 ArrayTaskId=0 JobName=rg-associate JobState=COMPLETED Reason=None ExitCode=0:0 BatchHost=node1\n" +
            "JobId=8 ArrayJobId=5 ArrayTaskId=4 JobName=rg-associate JobState=COMPLETING Reason=None ExitCode=0:0 BatchHost=node2\n" +
            "JobId=9 ArrayJobId=5 ArrayTaskId=5 JobName=rg-associate JobState=CANCELLED Reason=None ExitCode=0:15 BatchHost=node2\n" +
            "JobId=5 ArrayJobId=5 ArrayTaskId=6-7 JobName=rg-associate JobState=PENDING Reason=Resources ExitCode=0:0 BatchHost=(null)\n";
        var tasks = SlurmTask.Parse(output);
        Assert.Equal([2, 0, 4, 5], tasks.Select(t => t.Index));
        Assert.Equal(new SlurmTask(2, "FAILED", 1, 0, "node3"), tasks[0]);
        Assert.True(tasks[1].Done);
        Assert.False(tasks[2].Done); // COMPLETING: the job's processes may still be writing
        Assert.Equal((true, 15), (tasks[3].Done, tasks[3].Signal));
    }

    /// <summary>Cancels the run as soon as the executor says it submitted the associate array.</summary>
    private sealed class CancelOnSubmission(CancellationTokenSource cts) : IRunObserver
    {
        public bool Submitted { get; private set; }

        public void StageLog(string stageId, string message)
        {
            if (stageId != "associate" || !message.StartsWith("Slurm job", StringComparison.Ordinal)) return;
            Submitted = true;
            cts.Cancel();
        }
    }
}
