using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.TestHost;
using Xunit;

namespace Radiogenomics.Engine.Tests;

/// <summary>The hit/miss matrix: what reruns, what stays cached, and the reasons given.</summary>
[Collection("executions")] // TestKinds.Executions is process-wide
public class CacheBehaviourTests : IDisposable
{
    private readonly TempWorkspace _ws = new();

    public CacheBehaviourTests()
    {
        _ws.Write("data/a.txt", "alpha");
        _ws.Write("data/b.txt", "beta");
        _ws.Write("wf.yaml", TempWorkspace.Chain);
        TestKinds.Executions.Clear();
    }

    public void Dispose() => _ws.Dispose();

    private RunReport Run(string yaml = "wf.yaml", int version = 1, RunRequest? request = null)
    {
        var engine = _ws.Engine(version);
        return engine.RunAsync(engine.Load(Path.Combine(_ws.Root, yaml)), request ?? new RunRequest()).GetAwaiter().GetResult();
    }

    private RunPlan Plan(int version = 1, params string[] targets)
    {
        var engine = _ws.Engine(version);
        return engine.Plan(engine.Load(Path.Combine(_ws.Root, "wf.yaml")), targets);
    }

    private static Dictionary<string, StageStatus> Statuses(RunReport r) => r.Stages.ToDictionary(s => s.StageId, s => s.Status);

    [Fact]
    public void SecondRunIsFullyCached()
    {
        var first = Run();
        Assert.True(first.Succeeded);
        Assert.All(first.Stages, s => Assert.Equal(StageStatus.Executed, s.Status));
        Assert.Equal(["never run"], first["source"].Reasons);
        var second = Run();
        Assert.All(second.Stages, s => Assert.Equal(StageStatus.Cached, s.Status));
        Assert.All(Plan().Stages, s => Assert.Equal(StageStatus.Cached, s.Status));
        Assert.Equal(1, TestKinds.Executions["source"]);
    }

    [Fact]
    public void ParameterChangeRerunsTheStageAndSaysWhy()
    {
        Run();
        _ws.Write("wf.yaml", TempWorkspace.Chain.Replace("alpha: 0.05", "alpha: 0.01"));
        var plan = Plan();
        Assert.Equal(StageStatus.WillRun, plan.Stages[0].Status);
        Assert.Equal(["params.alpha changed 0.05→0.01"], plan.Stages[0].Reasons);
        Assert.Equal(StageStatus.MayRun, plan.Stages[1].Status);
        Assert.Contains("upstream source will run", plan.Stages[1].Reasons[0]);

        var r = Run();
        Assert.Equal(StageStatus.Executed, r["source"].Status);
        Assert.Equal(["params.alpha changed 0.05→0.01"], r["source"].Reasons);
        // alpha does not change the text, so the output is identical and everything downstream stays cached.
        Assert.Equal(StageStatus.Cached, r["upper"].Status);

        _ws.Write("wf.yaml", TempWorkspace.Chain); // back to the old value: the old record is still valid
        Assert.All(Run().Stages, s => Assert.Equal(StageStatus.Cached, s.Status));
    }

    [Fact]
    public void StageCodeVersionChangeRerunsThatKind()
    {
        Run();
        var r = Run(version: 2);
        Assert.Equal(StageStatus.Executed, r["source"].Status);
        Assert.Contains("stage code version changed 1→2", r["source"].Reasons);
        Assert.Equal(StageStatus.Executed, r["upper"].Status); // test.transform also moved to version 2
        Assert.Equal(StageStatus.Cached, r["constant"].Status); // test.constant did not, and its input is identical
    }

    [Fact]
    public void TouchedButIdenticalInputDoesNotRerun()
    {
        Run();
        File.SetLastWriteTimeUtc(Path.Combine(_ws.Root, "data/a.txt"), DateTime.UtcNow.AddMinutes(5));
        var r = Run();
        Assert.All(r.Stages, s => Assert.Equal(StageStatus.Cached, s.Status));
    }

    [Fact]
    public void ChangedInputContentRerunsWithTheFileNamed()
    {
        Run();
        _ws.Write("data/a.txt", "ALPHA changed");
        var r = Run();
        Assert.Equal(StageStatus.Executed, r["source"].Status);
        Assert.Equal(["input data/a.txt content changed"], r["source"].Reasons);
        Assert.Equal(StageStatus.Executed, r["upper"].Status);
        Assert.Equal(["upstream source output changed"], r["upper"].Reasons);
        // constant writes "long" either way: early cut-off keeps reverse cached.
        Assert.Equal(StageStatus.Executed, r["constant"].Status);
        Assert.Equal(StageStatus.Cached, r["reverse"].Status);
        Assert.Equal(1, TestKinds.Executions["reverse"]);
    }

    [Fact]
    public void AddedInputFileIsAReason()
    {
        Run();
        _ws.Write("data/c.txt", "gamma");
        Assert.Equal(["input data/c.txt added"], Plan().Stages[0].Reasons);
    }

    [Fact]
    public void ForceRerunsTargetButEarlyCutOffProtectsDownstream()
    {
        Run();
        var r = Run(request: new RunRequest { Targets = ["reverse", "source"], Force = true });
        Assert.Equal(StageStatus.Executed, r["source"].Status);
        Assert.Equal(["forced"], r["source"].Reasons);
        Assert.Equal(StageStatus.Cached, r["upper"].Status);
        Assert.Equal(StageStatus.Executed, r["reverse"].Status);
    }

    [Fact]
    public void TargetRunsOnlyWhatItNeeds()
    {
        var r = Run(request: new RunRequest { Targets = ["Upper"] });
        Assert.Equal(["source", "upper"], r.Stages.Select(s => s.StageId));
        Assert.False(TestKinds.Executions.ContainsKey("reverse"));
    }

    [Fact]
    public void ExclusiveRunsOnlyTheTargetWhenItsInputsAreCached()
    {
        var e = Assert.Throws<EngineException>(() => Run(request: new RunRequest { Targets = ["upper"], Exclusive = true }));
        Assert.Contains("source (never run)", e.Message);
        Run(request: new RunRequest { Targets = ["source"] });
        var r = Run(request: new RunRequest { Targets = ["upper"], Exclusive = true });
        Assert.Equal(["upper"], r.Stages.Select(s => s.StageId));
        Assert.Equal(StageStatus.Executed, r["upper"].Status);
    }

    [Fact]
    public void FailingStageReportsTheFixSkipsDownstreamAndStoresNothing()
    {
        _ws.Write("fail.yaml", "workflow: f\nstages:\n  - id: bad\n    uses: test.fail\n  - id: after\n    uses: test.transform\n    needs: bad\n");
        var before = new ContentStore(_ws.Workspace).All().Count();
        var r = Run("fail.yaml");
        Assert.False(r.Succeeded);
        Assert.Equal(StageStatus.Failed, r["bad"].Status);
        Assert.Equal("data/x.tsv: row 3: value 'abc' is not a number. Fix: replace it with a number or NA", r["bad"].Error);
        Assert.Equal(StageStatus.Skipped, r["after"].Status);
        Assert.Equal(before, new ContentStore(_ws.Workspace).All().Count());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_ws.Workspace.TempDirectory));
        Assert.Null(_ws.Engine().Records.LastState("f", "bad"));
        Assert.NotNull(r.RunDirectory); // failed runs are archived too
    }

    [Fact]
    public void IndependentStagesRunInParallel()
    {
        _ws.Write("par.yaml", """
            workflow: par
            stages:
              - id: source
                uses: test.source
                inputs: {data: data}
              - id: left
                uses: test.transform
                needs: source
                params: {sleep_ms: 600}
              - id: right
                uses: test.transform
                needs: source
                params: {sleep_ms: 600, op: reverse}
            """);
        var r = Run("par.yaml", request: new RunRequest { MaxParallelism = 2 });
        var left = r["left"].Record!;
        var right = r["right"].Record!;
        Assert.True(left.StartedUtc < right.EndedUtc && right.StartedUtc < left.EndedUtc, "left and right should overlap in time");
    }

    [Fact]
    public void MissingInputNamesThePatternAndTheWorkspace()
    {
        _ws.Write("wf.yaml", TempWorkspace.Chain.Replace("data/*.txt", "data/*.tsv"));
        var r = Run();
        Assert.Contains("input 'data' of stage 'source': 'data/*.tsv' matches no file", r["source"].Error);
    }

    [Fact]
    public void GarbageCollectionKeepsWhatStateAndRecentRunsReference()
    {
        Run();
        _ws.Write("data/a.txt", "changed");
        Run();
        var gc = new GarbageCollector(_ws.Workspace);
        var dry = gc.Collect(keepRuns: 0, pruneRuns: false, dryRun: true);
        Assert.True(dry.ObjectsDeleted > 0);
        Assert.Equal(0, gc.Collect(keepRuns: 2, pruneRuns: false, dryRun: true).ObjectsDeleted);
        var real = gc.Collect(keepRuns: 1, pruneRuns: true, dryRun: false);
        Assert.True(real.ObjectsDeleted > 0);
        Assert.Single(real.RunsDeleted);
        // The current state is intact: a rerun is fully cached.
        Assert.All(Run().Stages, s => Assert.Equal(StageStatus.Cached, s.Status));
        // Going back to the old input recomputes what was collected.
        _ws.Write("data/a.txt", "alpha");
        var back = Run();
        Assert.Equal(StageStatus.Executed, back["source"].Status);
    }
}
