using System.Text.Json.Nodes;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Hashing;
using Radiogenomics.Engine.Provenance;
using Radiogenomics.Engine.TestHost;
using Xunit;

namespace Radiogenomics.Engine.Tests;

/// <summary>
/// Issue 19, section A: a damaged cache object is found before it is served and a run heals it; archives are copies;
/// the stat cache sees ctime; failures, cancellations and half-archived runs leave clear bookkeeping.
/// </summary>
[Collection("executions")]
public class IntegrityTests : IDisposable
{
    private readonly TempWorkspace _ws = new();

    public IntegrityTests()
    {
        _ws.Write("data/a.txt", "alpha");
        _ws.Write("wf.yaml", TempWorkspace.Chain);
        TestKinds.Executions.Clear();
    }

    public void Dispose() => _ws.Dispose();

    private RunReport Run(RunRequest? request = null, string yaml = "wf.yaml", CancellationToken cancellationToken = default)
    {
        var engine = _ws.Engine();
        return engine.RunAsync(engine.Load(Path.Combine(_ws.Root, yaml)), request ?? new RunRequest(), cancellationToken: cancellationToken).GetAwaiter().GetResult();
    }

    private RunPlan Plan(string yaml = "wf.yaml")
    {
        var engine = _ws.Engine();
        return engine.Plan(engine.Load(Path.Combine(_ws.Root, yaml)), []);
    }

    /// <summary>Flips one byte in place and puts the mtime (and the read-only mode) back, as a careful vandal or a `touch -r` would.</summary>
    private static void FlipByteKeepingMtime(string path)
    {
        var mtime = File.GetLastWriteTimeUtc(path);
        var mode = File.GetUnixFileMode(path);
        File.SetUnixFileMode(path, mode | UnixFileMode.UserWrite);
        using (var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            int b = f.ReadByte();
            f.Position = 0;
            f.WriteByte((byte)(b ^ 0x20));
        }
        File.SetUnixFileMode(path, mode);
        File.SetLastWriteTimeUtc(path, mtime);
    }

    private string ObjectOf(string stageId, string output)
    {
        var state = new RecordStore(_ws.Workspace).LastState("chain", stageId)!;
        return state.Outputs[output].Sha256;
    }

    [Fact]
    public void ADamagedObjectIsNotServedThePlanSaysWhyAndTheRunHealsIt()
    {
        Run();
        Thread.Sleep(30); // past the racy window, so the objects' stats are remembered on the next check
        Assert.All(Plan().Stages, s => Assert.Equal(StageStatus.Cached, s.Status));
        string digest = ObjectOf("upper", "result");
        var store = new ContentStore(_ws.Workspace);
        FlipByteKeepingMtime(store.PathOf(digest));

        var plan = Plan();
        var upper = plan.Stages.Single(s => s.StageId == "upper");
        Assert.Equal(StageStatus.WillRun, upper.Status);
        Assert.Contains(upper.Reasons, r => r.Contains("cached output 'result' damaged"));

        TestKinds.Executions.Clear();
        var report = Run();
        Assert.Equal(StageStatus.Executed, report["upper"].Status);
        Assert.Equal(StageStatus.Cached, report["source"].Status);
        Assert.Equal(digest, report["upper"].Record!.Outputs["result"].Sha256); // the same bytes again, under the same name
        Assert.True(store.Verify(digest)); // the damaged object was replaced
        Assert.True(RunVerifier.Verify(report.RunDirectory!).Intact);
        Assert.All(Plan().Stages, s => Assert.Equal(StageStatus.Cached, s.Status));
    }

    [Fact]
    public void ForceReplacesADamagedObjectOfTheSameName()
    {
        _ws.Workspace.EnsureCreated();
        var store = new ContentStore(_ws.Workspace);
        var (digest, _) = store.Add(_ws.Write("cache/tmp/x1", "some output"));
        FlipByteKeepingMtime(store.PathOf(digest));
        Assert.False(new ContentStore(_ws.Workspace).IsIntact(digest));
        store.Add(_ws.Write("cache/tmp/x2", "some output")); // what `rg run --force` commits
        Assert.Equal("some output", File.ReadAllText(store.PathOf(digest)));
        Assert.True(new ContentStore(_ws.Workspace).IsIntact(digest));
    }

    [Fact]
    public void ArchivedResultsAreCopiesSoEditingOneChangesNeitherTheCacheNorOtherRuns()
    {
        var first = Run();
        string archived = Path.Combine(first.RunDirectory!, "results", "upper", "result.txt");
        string digest = ObjectOf("upper", "result");
        var store = new ContentStore(_ws.Workspace);
        Assert.NotEqual(FileIdentity.StampOf(store.PathOf(digest))!.Value.Inode, FileIdentity.StampOf(archived)!.Value.Inode);
        Assert.Equal(1, FileIdentity.StampOf(store.PathOf(digest))!.Value.Links);

        File.SetUnixFileMode(archived, File.GetUnixFileMode(archived) | UnixFileMode.UserWrite);
        File.WriteAllText(archived, "EDITED");
        Assert.True(store.Verify(digest));
        Assert.False(RunVerifier.Verify(first.RunDirectory!).Intact); // the edited run knows it was edited
        Assert.All(Plan().Stages, s => Assert.Equal(StageStatus.Cached, s.Status));
    }

    [Fact]
    public void GcReportsOnlyTheBytesItFrees()
    {
        _ws.Workspace.EnsureCreated();
        var store = new ContentStore(_ws.Workspace);
        var (free, _) = store.Add(_ws.Write("cache/tmp/x1", "unreferenced, 31 bytes of data."));
        var (linked, _) = store.Add(_ws.Write("cache/tmp/x2", "unreferenced and hard-linked"));
        // An archive written before archives were copies: a hard link keeps the blocks after gc.
        Assert.Equal(0, Link(store.PathOf(linked), Path.Combine(_ws.Root, "old-archive-link")));
        var report = new GarbageCollector(_ws.Workspace).Collect(keepRuns: 5, pruneRuns: false, dryRun: false);
        Assert.Equal(2, report.ObjectsDeleted);
        Assert.Equal(31, report.BytesFreed);
        Assert.Equal("unreferenced and hard-linked".Length, report.BytesStillLinked);
        Assert.False(store.Contains(free));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link")]
    private static extern int Link(string existing, string created);

    [Fact]
    public void AnInPlaceEditWithItsMtimePutBackIsSeenThroughCtime()
    {
        string file = _ws.Write("data/a.csv", "x\n+9.397317\n");
        var cache = new StatCache(Path.Combine(_ws.Root, "statcache.tsv"));
        Thread.Sleep(30);
        Assert.Equal(Sha256Hex.OfText("x\n+9.397317\n"), cache.Hash(file));
        cache.Save();
        Thread.Sleep(30);
        var mtime = File.GetLastWriteTimeUtc(file);
        using (var f = new FileStream(file, FileMode.Open, FileAccess.Write)) { f.Position = 2; f.WriteByte((byte)'-'); } // same size, same inode
        File.SetLastWriteTimeUtc(file, mtime); // touch -r, cp -p, rsync -t
        Assert.Equal(Sha256Hex.OfText("x\n-9.397317\n"), new StatCache(Path.Combine(_ws.Root, "statcache.tsv")).Hash(file));
    }

    [Fact]
    public void AFileHashedInTheSameClockTickAsItsLastWriteIsNotRemembered()
    {
        string file = _ws.Write("data/a.csv", "fresh"); // hashed at once: a write in the same tick would keep its ctime
        var cache = new StatCache(Path.Combine(_ws.Root, "statcache.tsv"));
        cache.Hash(file);
        cache.Hash(file);
        Assert.True(cache.FilesHashed >= 1);
        Thread.Sleep(30);
        int before = cache.FilesHashed;
        cache.Hash(file);
        cache.Hash(file);
        Assert.True(cache.FilesHashed <= before + 1); // remembered once it is old enough
    }

    private const string Failing = """
        workflow: failing
        stages:
          - id: source
            uses: test.source
            inputs:
              data: data/*.txt
          - id: broken
            uses: test.fail
            needs: source
        """;

    [Fact]
    public void AStageThatFailsCleanlyIsNotReportedAsInterrupted()
    {
        _ws.Write("fail.yaml", Failing);
        Assert.Equal(StageStatus.Failed, Run(yaml: "fail.yaml")["broken"].Status);
        var broken = Plan("fail.yaml").Stages.Single(s => s.StageId == "broken");
        Assert.Equal(StageStatus.WillRun, broken.Status);
        Assert.DoesNotContain(broken.Reasons, r => r.Contains("interrupted"));
        Assert.Empty(Directory.EnumerateFiles(_ws.Workspace.JournalDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void ACancelledRunCommitsWhatFinishedAndIsArchivedAsCancelled()
    {
        string started = Path.Combine(_ws.Root, "started");
        _ws.Write("slow.yaml", $$"""
            workflow: slow
            stages:
              - id: source
                uses: test.source
                inputs: {data: data}
              - id: slow
                uses: test.slow
                needs: source
                params:
                  release_file: {{Path.Combine(_ws.Root, "never")}}
                  started_file: {{started}}
            """);
        using var cts = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!File.Exists(started)) await Task.Delay(10);
            await cts.CancelAsync(); // what Ctrl-C or SIGTERM does through System.CommandLine
        }, TestContext.Current.CancellationToken);
        var report = Run(yaml: "slow.yaml", cancellationToken: cts.Token);
        watcher.Wait(TestContext.Current.CancellationToken);
        Assert.True(report.Cancelled);
        Assert.Equal(StageStatus.Executed, report["source"].Status);
        Assert.Equal(StageStatus.Failed, report["slow"].Status);
        Assert.Equal("cancelled", report["slow"].Error);
        Assert.NotNull(report.RunDirectory);
        Assert.True(File.Exists(Path.Combine(report.RunDirectory!, "ro-crate-metadata.json")));
        Assert.True(RunVerifier.Verify(report.RunDirectory!).Intact);
        var slow = Plan("slow.yaml").Stages.Single(s => s.StageId == "slow");
        Assert.DoesNotContain(slow.Reasons, r => r.Contains("interrupted"));
    }

    [Fact]
    public void GcRemovesRunFoldersThatNeverFinishedArchivingAndVerifySaysWhatTheyAre()
    {
        var report = Run();
        string partial = Path.Combine(Path.GetDirectoryName(report.RunDirectory!)!, "20260101T000000.000Z-chain-deadbeef.partial");
        Directory.CreateDirectory(Path.Combine(partial, "logs"));
        File.WriteAllText(Path.Combine(partial, "logs", "upper.log"), "killed while archiving");

        var e = Assert.Throws<EngineException>(() => RunVerifier.Verify(partial));
        Assert.Contains("never finished archiving", e.Message);
        Assert.Contains("rg gc", e.Message);

        var gc = new GarbageCollector(_ws.Workspace).Collect(keepRuns: 5, pruneRuns: false, dryRun: false);
        Assert.Equal(["chain/20260101T000000.000Z-chain-deadbeef.partial"], gc.AbandonedRunsDeleted);
        Assert.False(Directory.Exists(partial));
        Assert.True(Directory.Exists(report.RunDirectory));
    }

    [Fact]
    public void FsckFindsDamageThatLeftTheStatAloneAndSetsItAside()
    {
        Run();
        Thread.Sleep(30);
        Assert.All(Plan().Stages, s => Assert.Equal(StageStatus.Cached, s.Status)); // stats remembered
        string digest = ObjectOf("reverse", "result");
        var store = new ContentStore(_ws.Workspace);
        string path = store.PathOf(digest);
        // Damage below the file system leaves the stat alone: simulate it by making the check records claim the new stat is the hashed one.
        FlipByteKeepingMtime(path);
        var stat = FileIdentity.StampOf(path)!.Value;
        var lines = File.ReadAllLines(_ws.Workspace.ObjectChecksPath).Select(l => l.StartsWith(path + "\t", StringComparison.Ordinal)
            ? string.Join('\t', path, stat.Size, stat.MtimeNs, stat.CtimeNs, stat.Device, stat.Inode, digest) : l);
        File.WriteAllLines(_ws.Workspace.ObjectChecksPath, lines);
        Assert.True(new ContentStore(_ws.Workspace).IsIntact(digest)); // the cheap check cannot see it

        var check = new StoreChecker(_ws.Workspace).Check();
        Assert.False(check.Intact);
        var damaged = Assert.Single(check.Damaged);
        Assert.Contains("chain/reverse/result", damaged);
        Assert.False(store.Contains(digest));
        Assert.Single(Directory.EnumerateFiles(_ws.Workspace.CorruptDirectory));
        var reverse = Plan().Stages.Single(s => s.StageId == "reverse");
        Assert.Equal(StageStatus.WillRun, reverse.Status);
        Assert.True(Run().Succeeded);
        Assert.True(new StoreChecker(_ws.Workspace).Check().Intact);
    }
}
