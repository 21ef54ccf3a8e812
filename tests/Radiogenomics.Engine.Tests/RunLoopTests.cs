using System.Text.Json.Nodes;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Engine.TestHost;
using Xunit;

namespace Radiogenomics.Engine.Tests;

/// <summary>The split run loop: one rebuilder for plan and run, declared resources, a context without a workspace, failure evidence.</summary>
[Collection("executions")]
public class RunLoopTests : IDisposable
{
    private readonly TempWorkspace _ws = new();

    public RunLoopTests()
    {
        _ws.Write("data/a.txt", "alpha");
        _ws.Write("wf.yaml", TempWorkspace.Chain);
        TestKinds.Executions.Clear();
    }

    public void Dispose() => _ws.Dispose();

    private Task<RunReport> Run(string yaml = "wf.yaml", bool archive = false)
    {
        var engine = _ws.Engine();
        return engine.RunAsync(engine.Load(Path.Combine(_ws.Root, yaml)), new RunRequest { Archive = archive }, cancellationToken: TestContext.Current.CancellationToken);
    }

    private RunPlan Plan()
    {
        var engine = _ws.Engine();
        return engine.Plan(engine.Load(Path.Combine(_ws.Root, "wf.yaml")), []);
    }

    [Fact]
    public async Task PlanAndRunGiveTheSameReasons()
    {
        // A record whose output was deleted, reached again by a parameter change: the run used to name only the change.
        var first = await Run();
        _ws.Write("wf.yaml", TempWorkspace.Chain.Replace("alpha: 0.05", "alpha: 0.01"));
        await Run();
        File.Delete(new ContentStore(_ws.Workspace).PathOf(first["source"].Record!.Outputs["table"].Sha256));
        _ws.Write("wf.yaml", TempWorkspace.Chain);

        var planned = Plan().Stages[0];
        var ran = (await Run())["source"];
        Assert.Equal(StageStatus.Executed, ran.Status);
        Assert.Equal([Rebuilder.IncompleteReason, "params.alpha changed 0.01→0.05"], planned.Reasons);
        Assert.Equal(planned.Reasons, ran.Reasons);
    }

    [Fact]
    public async Task AStageContextNeedsNoWorkspace()
    {
        string scratch = Path.Combine(_ws.Root, "scratch");
        string upstream = _ws.Write("table.txt", "abc");
        var kind = new TestKinds.TransformKind(1);
        var context = new StageContext(kind, new ResolvedParameters(new Dictionary<string, object?> { ["op"] = "upper", ["sleep_ms"] = 0L }), scratch,
            upstream: new Dictionary<string, string> { ["table"] = upstream });
        await kind.RunAsync(context, TestContext.Current.CancellationToken);
        Assert.Equal("ABC", File.ReadAllText(context.WrittenOutputs["result"]));
        Assert.StartsWith(Path.Combine(scratch, "out"), context.WrittenOutputs["result"]);
    }

    [Fact]
    public async Task ExclusiveResourcesAreHeldByOneStageAtATime()
    {
        var pool = new ResourcePool(4);
        var torch = new StageResources { Threads = 1, Exclusive = ["libtorch"] };
        var first = await pool.AcquireAsync(torch, null, TestContext.Current.CancellationToken);
        bool waited = false;
        var second = pool.AcquireAsync(torch, () => waited = true, TestContext.Current.CancellationToken);
        var other = await pool.AcquireAsync(new StageResources { Threads = 2 }, null, TestContext.Current.CancellationToken); // fits beside it
        Assert.True(waited);
        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Dispose();
        other.Dispose();
    }

    [Fact]
    public async Task AStageThatUsesEveryCoreRunsAlone()
    {
        var pool = new ResourcePool(2);
        var one = await pool.AcquireAsync(StageResources.Default, null, TestContext.Current.CancellationToken);
        var all = pool.AcquireAsync(new StageResources { Threads = 64 }, null, TestContext.Current.CancellationToken); // capped at 2
        Assert.False(all.IsCompleted);
        one.Dispose();
        var lease = await all.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var later = pool.AcquireAsync(StageResources.Default, null, TestContext.Current.CancellationToken);
        Assert.False(later.IsCompleted);
        lease.Dispose();
        (await later.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Dispose();
    }

    [Fact]
    public async Task TwoStagesDeclaringTheSameExclusiveResourceNeverOverlap()
    {
        _ws.Write("par.yaml", """
            workflow: par
            stages:
              - id: a
                uses: test.exclusive
              - id: b
                uses: test.exclusive
              - id: c
                uses: test.exclusive
            """);
        TestKinds.ExclusiveKind.Reset();
        var report = await Run("par.yaml");
        Assert.True(report.Succeeded);
        Assert.Equal(1, TestKinds.ExclusiveKind.MaxConcurrent);
    }

    [Fact]
    public async Task AFailureKeepsItsLogAndFullExceptionInTheRunFolderAndProvenance()
    {
        _ws.Write("fail.yaml", """
            workflow: failing
            stages:
              - id: source
                uses: test.source
                inputs:
                  data: data/*.txt
              - id: broken
                uses: test.fail
                needs: source
            """);
        var report = await Run("fail.yaml", archive: true);
        var failed = report["broken"];
        Assert.Equal(StageStatus.Failed, failed.Status);
        Assert.Contains("at Radiogenomics.Engine.TestHost.TestKinds.FailKind.RunAsync", failed.ErrorDetail);

        string errorFile = Path.Combine(report.RunDirectory!, "logs", "broken.error.txt");
        Assert.Contains("FormatException", File.ReadAllText(errorFile));
        Assert.Contains("at Radiogenomics.Engine.TestHost.TestKinds.FailKind.RunAsync", File.ReadAllText(errorFile));
        string log = File.ReadAllText(Path.Combine(report.RunDirectory!, "logs", "broken.log"));
        Assert.Contains("broken (test.fail) will run on cpu: never run", log);
        Assert.Contains("failed: data/x.tsv", log);

        var graph = JsonNode.Parse(File.ReadAllText(Path.Combine(report.RunDirectory!, "ro-crate-metadata.json")))!["@graph"]!.AsArray();
        var execution = graph.First(n => (string?)n!["@id"] == "#exec-broken")!;
        Assert.Contains("FailKind.RunAsync", (string)execution["errorDetail"]!);
        var evidence = execution["subjectOf"]!.AsArray().Select(r => (string)r!["@id"]!).ToList();
        Assert.Equal(["logs/broken.log", "logs/broken.error.txt"], evidence);
        Assert.All(evidence, id => Assert.Contains(graph, n => (string?)n!["@id"] == id && n["sha256"] is not null));
    }
}
