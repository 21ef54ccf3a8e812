using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Execution.OutOfProcess;
using Xunit;

namespace Radiogenomics.Cli.Tests;

/// <summary>
/// A stage run by another process (rg stage-run, inputs by digest, outputs checked then committed here) and a
/// sharded associate.lme (merged by BH over every shard's p) give the bytes of an unsharded in-process run; a shard
/// that keeps failing fails the stage, the shards that finished stay committed, and the next run reruns only it.
/// </summary>
public sealed class OutOfProcessExecutionTests
{
    private static readonly Dictionary<string, int> Shards = new() { ["associate.lme"] = 5 };

    [Fact]
    public async Task Subprocess_and_sharded_runs_give_the_bytes_of_an_in_process_run()
    {
        using var local = new ShardWorkspace();
        using var subprocess = new ShardWorkspace();
        using var sharded = new ShardWorkspace();
        using var shardedInProcess = new ShardWorkspace();
        var expected = ShardWorkspace.Outputs(await local.RunAsync(InProcessExecutor.Instance, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(expected, ShardWorkspace.Outputs(await subprocess.RunAsync(new SubprocessExecutor(subprocess.Workspace), cancellationToken: TestContext.Current.CancellationToken)));
        var report = await sharded.RunAsync(new SubprocessExecutor(sharded.Workspace, shards: Shards), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(expected, ShardWorkspace.Outputs(report));
        Assert.Equal([0, 1, 2, 3, 4], ShardWorkspace.ShardsRan(report));
        Assert.Equal(expected, ShardWorkspace.Outputs(await shardedInProcess.RunAsync(new InProcessExecutor(new Dictionary<string, int> { ["associate.lme"] = 3 }),
            cancellationToken: TestContext.Current.CancellationToken)));
        Assert.Contains("associate/associations.parquet", expected.Keys);
    }

    [Fact]
    public async Task A_failing_shard_fails_the_stage_and_the_next_run_reruns_only_it()
    {
        using var ws = new ShardWorkspace();
        var failing = new SubprocessExecutor(ws.Workspace, shards: Shards)
        {
            Retries = 1, Environment = new Dictionary<string, string> { [StageWorker.InjectFailureVariable] = "associate:3" },
        };
        var failed = await ws.RunAsync(failing, archive: true, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(StageStatus.Failed, failed["associate"].Status);
        Assert.Contains("shard 4/5 failed in its worker (exit 1, attempt 2)", failed["associate"].Error);
        Assert.Contains("injected failure of shard 4/5", failed["associate"].Error);
        Assert.Equal(4, ws.CommittedShards);

        var resumed = await ws.RunAsync(new SubprocessExecutor(ws.Workspace, shards: Shards), archive: true, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([3], ShardWorkspace.ShardsRan(resumed));
        using var local = new ShardWorkspace();
        Assert.Equal(ShardWorkspace.Outputs(await local.RunAsync(InProcessExecutor.Instance, cancellationToken: TestContext.Current.CancellationToken)),
            ShardWorkspace.Outputs(resumed));
        // The shard's worker log is kept beside the stage's log and named in the record.
        Assert.True(File.Exists(Path.Combine(resumed.RunDirectory!, "logs", "associate.shard-3.attempt-1.log")));
    }

    [Fact]
    public async Task A_retried_shard_succeeds_on_its_second_attempt()
    {
        using var ws = new ShardWorkspace();
        var flaky = new SubprocessExecutor(ws.Workspace, shards: Shards)
        {
            Retries = 1, Environment = new Dictionary<string, string> { [StageWorker.InjectFailureVariable] = "associate:1:1" },
        };
        var report = await ws.RunAsync(flaky, archive: true, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(StageStatus.Executed, report["associate"].Status);
        Assert.True(File.Exists(Path.Combine(report.RunDirectory!, "logs", "associate.shard-1.attempt-2.log")));
    }

    [Fact]
    public async Task The_worker_refuses_a_job_whose_upstream_object_is_not_in_the_store()
    {
        using var ws = new ShardWorkspace();
        string dir = Path.Combine(ws.Root, "job");
        Directory.CreateDirectory(dir);
        ws.Workspace.EnsureCreated();
        var job = new StageJob
        {
            Kind = "associate.lme", StageId = "associate", WorkspaceRoot = ws.Root, CacheDirectory = ws.Workspace.CacheDirectory, Directory = dir,
            Parameters = new Dictionary<string, object?> { ["fdr_scope"] = "global", ["fdr_threshold"] = 0.05, ["missing_genomic"] = "omit" },
            Upstream = new Dictionary<string, string> { ["features"] = new string('a', 64) },
        };
        job.Write(Path.Combine(dir, StageJob.FileName));
        var log = new StringWriter();
        Assert.Equal(1, await StageWorker.RunAsync(Path.Combine(dir, StageJob.FileName), Radiogenomics.Stages.StageCatalog.CreateRegistry(), log, TestContext.Current.CancellationToken));
        Assert.Contains($"upstream table 'features' ({new string('a', 64)}) is missing or damaged", log.ToString());
        Assert.False(File.Exists(Path.Combine(dir, StageJob.ResultFile)));
    }
}
