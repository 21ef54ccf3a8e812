using System.Diagnostics;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Hashing;
using Radiogenomics.Engine.TestHost;
using Xunit;

namespace Radiogenomics.Engine.Tests;

/// <summary>Behaviour across processes: key stability, kill -9 mid-write, and two runs on one workspace.</summary>
[Collection("executions")]
public class ProcessTests : IDisposable
{
    private readonly TempWorkspace _ws = new();

    public ProcessTests()
    {
        _ws.Write("data/a.txt", "alpha");
        _ws.Write("wf.yaml", TempWorkspace.Chain);
    }

    public void Dispose() => _ws.Dispose();

    private static string HostDll => Path.Combine(AppContext.BaseDirectory, "Radiogenomics.Engine.TestHost.dll");

    private Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(HostDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    private string SlowWorkflow(string released) => $"""
        workflow: slow
        stages:
          - id: source
            uses: test.source
            inputs: {"{"}data: data{"}"}
          - id: slow
            uses: test.slow
            needs: source
            params:
              release_file: {released}
              started_file: {Path.Combine(_ws.Root, "started")}
        """;

    private static void WaitFor(string path, Process p)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            if (p.HasExited) throw new Xunit.Sdk.XunitException("child exited early: " + p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd());
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("child never started writing");
            Thread.Sleep(20);
        }
    }

    [Fact]
    public async Task KeysAreTheSameInAnotherProcess()
    {
        var engine = _ws.Engine();
        var wf = engine.Load(Path.Combine(_ws.Root, "wf.yaml"));
        await engine.RunAsync(wf, new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
        var here = engine.Plan(wf, []).Stages.Select(s => $"{s.StageId} {s.Status} {s.Key}").ToList();
        using var child = Start("plan", _ws.Root, Path.Combine(_ws.Root, "wf.yaml"));
        var there = child.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        child.WaitForExit();
        Assert.Equal(here, there);
        Assert.All(there, line => Assert.Contains(" Cached ", line));
    }

    [Fact]
    public void CanonicalJsonIgnoresInsertionOrderAndCulture()
    {
        var a = new Dictionary<string, object?> { ["b"] = 1.5, ["a"] = new[] { "x", "y" }, ["c"] = 2L };
        var b = new Dictionary<string, object?> { ["c"] = 2L, ["a"] = new[] { "x", "y" }, ["b"] = 1.5 };
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("""{"a":["x","y"],"b":1.5,"c":2}""", CanonicalJson.Serialize(b));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
        Assert.Equal(CanonicalJson.Serialize(a), CanonicalJson.Serialize(b));
        Assert.NotEqual(CanonicalJson.Serialize(new Dictionary<string, object?> { ["x"] = 1.0 }), CanonicalJson.Serialize(new Dictionary<string, object?> { ["x"] = 1L }));
    }

    [Fact]
    public async Task KillDuringWriteLeavesNoPartialObjectAndRerunsOnlyTheInterruptedStage()
    {
        string release = Path.Combine(_ws.Root, "release");
        _ws.Write("slow.yaml", SlowWorkflow(release));
        using var child = Start("run", _ws.Root, Path.Combine(_ws.Root, "slow.yaml"));
        WaitFor(Path.Combine(_ws.Root, "started"), child);
        child.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no cleanup
        child.WaitForExit();

        var store = new ContentStore(_ws.Workspace);
        foreach (var digest in store.All())
        {
            Assert.True(store.Verify(digest), $"object {digest} does not match its name");
            Assert.DoesNotContain("first half", File.ReadAllText(store.PathOf(digest)));
        }
        Assert.NotNull(new RecordStore(_ws.Workspace).LastState("slow", "source"));
        Assert.Null(new RecordStore(_ws.Workspace).LastState("slow", "slow"));
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(_ws.Workspace.TempDirectory)); // the dead run's scratch

        File.WriteAllText(release, "go");
        TestKinds.Executions.Clear();
        var engine = _ws.Engine();
        var wf = engine.Load(Path.Combine(_ws.Root, "slow.yaml"));
        var plan = engine.Plan(wf, []);
        Assert.Equal(StageStatus.Cached, plan.Stages[0].Status);
        Assert.StartsWith("interrupted during run ", plan.Stages[1].Reasons[0]);
        var report = await engine.RunAsync(wf, new RunRequest(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(StageStatus.Cached, report["source"].Status);
        Assert.Equal(StageStatus.Executed, report["slow"].Status);
        Assert.StartsWith("interrupted during run ", report["slow"].Reasons[0]);
        Assert.Equal("first half\nsecond half\n", File.ReadAllText(store.PathOf(report["slow"].Record!.Outputs["table"].Sha256)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_ws.Workspace.TempDirectory));
        string runs = Path.Combine(_ws.Workspace.RunsDirectory, "slow"); // runs/<workflow>/
        Assert.DoesNotContain(Directory.EnumerateDirectories(runs), d => d.EndsWith(".partial"));
        // The killed run's evidence survives: its folder, renamed, with the interrupted stage's log.
        var killed = Assert.Single(Directory.EnumerateDirectories(runs), d => d.EndsWith(".interrupted"));
        Assert.Contains("slow (test.slow) will run", File.ReadAllText(Path.Combine(killed, "logs", "slow.log")));
    }

    [Fact]
    public async Task ASecondRunWaitsForTheLockOrFailsClearly()
    {
        string release = Path.Combine(_ws.Root, "release");
        _ws.Write("slow.yaml", SlowWorkflow(release));
        using var child = Start("run", _ws.Root, Path.Combine(_ws.Root, "slow.yaml"));
        WaitFor(Path.Combine(_ws.Root, "started"), child);

        var engine = _ws.Engine();
        var wf = engine.Load(Path.Combine(_ws.Root, "slow.yaml"));
        var busy = await Assert.ThrowsAsync<WorkspaceBusyException>(() =>
            engine.RunAsync(wf, new RunRequest { LockTimeout = TimeSpan.FromMilliseconds(300) }, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains($"pid {child.Id}", busy.Message);

        // A waiting run starts as soon as the first finishes, and finds its work done.
        string? waitedFor = null;
        var waiting = engine.RunAsync(wf, new RunRequest { LockTimeout = TimeSpan.FromSeconds(60) }, new LockObserver(h => waitedFor = h), TestContext.Current.CancellationToken);
        Thread.Sleep(300);
        File.WriteAllText(release, "go");
        var report = await waiting;
        child.WaitForExit();
        Assert.Equal(0, child.ExitCode);
        Assert.All(report.Stages, s => Assert.Equal(StageStatus.Cached, s.Status));
        Assert.Contains($"pid {child.Id}", waitedFor);
    }

    private sealed class LockObserver(Action<string> onWait) : IRunObserver
    {
        public void WaitingForLock(string holder) => onWait(holder);
    }
}
