using System.Security.Cryptography;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Hashing;
using Radiogenomics.Engine.Provenance;
using Radiogenomics.Engine.TestHost;
using Xunit;

namespace Radiogenomics.Engine.Tests;

/// <summary>
/// What keeps a no-op rerun cheap must not change what it finds: the chunked file hash equals SHA-256 of the bytes,
/// a missing file is one stat, the state pointer's head is read without the whole record, and software versions are
/// read only when a run is archived.
/// </summary>
[Collection("executions")]
public sealed class NoopRerunCostTests : IDisposable
{
    private readonly TempWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Sha256Hex.ChunkBytes - 1)]
    [InlineData(Sha256Hex.ChunkBytes)]
    [InlineData(Sha256Hex.ChunkBytes + 1)]
    [InlineData(3 * Sha256Hex.ChunkBytes + 12345)]
    public void FileDigestEqualsTheDigestOfItsBytesAcrossChunkBoundaries(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        string path = Path.Combine(_ws.Root, $"blob-{size}.bin");
        File.WriteAllBytes(path, bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), Sha256Hex.OfFile(path));
    }

    [Fact]
    public async Task APipeIsHashedAsAStream()
    {
        if (!OperatingSystem.IsLinux()) return;
        string fifo = Path.Combine(_ws.Root, "pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])) await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
        var bytes = new byte[3 * Sha256Hex.ChunkBytes / 2];
        new Random(5).NextBytes(bytes);
        var writer = Task.Run(() => File.WriteAllBytes(fifo, bytes), TestContext.Current.CancellationToken);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), Sha256Hex.OfFile(fifo));
        await writer;
    }

    [Fact]
    public void AMissingFileHashesToNullAndAFileThatComesBackIsHashedAgain()
    {
        var cache = new StatCache(Path.Combine(_ws.Root, "statcache.tsv"));
        string file = _ws.Write("data/a.dcm", "pixels");
        string missing = Path.Combine(_ws.Root, "data", "gone.dcm");
        Assert.Equal(new[] { Sha256Hex.OfText("pixels"), null }, cache.TryHashAll([file, missing], 2));
        Assert.Throws<FileNotFoundException>(() => cache.HashAll([file, missing], 2));
        File.Delete(file);
        Assert.Null(cache.TryHash(file));
        _ws.Write("data/a.dcm", "PIXELS");
        Assert.Equal(Sha256Hex.OfText("PIXELS"), cache.TryHash(file));
    }

    [Fact]
    public void TheStateHeadIsTheStatePointersKeyAndStageId()
    {
        _ws.Write("data/a.txt", "alpha");
        _ws.Write("wf.yaml", TempWorkspace.Chain);
        var engine = _ws.Engine();
        var report = engine.RunAsync(engine.Load(Path.Combine(_ws.Root, "wf.yaml")), new RunRequest()).GetAwaiter().GetResult();
        Assert.True(report.Succeeded);
        var records = new RecordStore(_ws.Workspace);
        var state = records.LastState("chain", "source")!;
        Assert.Equal((state.Key, "source"), records.LastStateHead("chain", "source"));
        Assert.Null(records.LastStateHead("chain", "no-such-stage"));

        // A pointer laid out otherwise (keys not first, as a hand edit or another serializer may leave it) is read whole.
        string path = records.StatePath("chain", "source");
        var text = File.ReadAllText(path);
        File.WriteAllText(path, "{\"facts\": {}, " + text.TrimStart()[1..]);
        Assert.Equal((state.Key, "source"), records.LastStateHead("chain", "source"));
    }

    [Fact]
    public void SoftwareVersionsAreReadOnlyWhenARunIsArchived()
    {
        _ws.Write("data/a.txt", "alpha");
        _ws.Write("wf.yaml", TempWorkspace.Chain);
        int reads = 0;
        IEnumerable<SoftwareComponent> Software()
        {
            reads++;
            yield return new SoftwareComponent("probe", "1.0");
        }
        var engine = new WorkflowEngine(_ws.Workspace, TestKinds.Registry(1), software: Software());
        var workflow = engine.Load(Path.Combine(_ws.Root, "wf.yaml"));
        engine.Plan(workflow, []);
        Assert.Equal(0, reads);
        var first = engine.RunAsync(workflow, new RunRequest()).GetAwaiter().GetResult();
        Assert.Equal(1, reads);
        Assert.Contains("\"probe\"", File.ReadAllText(Path.Combine(first.RunDirectory!, "ro-crate-metadata.json")));

        var noop = new WorkflowEngine(_ws.Workspace, TestKinds.Registry(1), software: Software());
        var again = noop.RunAsync(noop.Load(Path.Combine(_ws.Root, "wf.yaml")), new RunRequest()).GetAwaiter().GetResult();
        Assert.True(again.ReusedArchive); // nothing ran and nothing new was archived: no versions were needed
        Assert.Equal(1, reads);
    }
}
