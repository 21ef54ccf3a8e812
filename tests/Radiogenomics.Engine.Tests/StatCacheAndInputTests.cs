using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Hashing;
using Xunit;

namespace Radiogenomics.Engine.Tests;

public sealed class StatCacheAndInputTests : IDisposable
{
    private readonly TempWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void UnchangedFilesAreNotReadAgainAcrossInstances()
    {
        string file = _ws.Write("data/a.dcm", "pixels");
        string store = Path.Combine(_ws.Root, "statcache.tsv");
        Thread.Sleep(30); // a file is remembered once its last change is older than the clock tick (StatCache's racy window)
        var first = new StatCache(store);
        Assert.Equal(Sha256Hex.OfText("pixels"), first.Hash(file));
        Assert.Equal(1, first.FilesHashed);
        first.Save();

        var second = new StatCache(store);
        Assert.Equal(Sha256Hex.OfText("pixels"), second.Hash(file));
        Assert.Equal(0, second.FilesHashed); // served from (size, mtime, ctime, device, inode)
    }

    [Fact]
    public void TouchRehashesOnceAndAReplacedFileIsNoticedEvenWithTheSameSizeAndTime()
    {
        string file = _ws.Write("data/a.dcm", "pixels");
        var cache = new StatCache(Path.Combine(_ws.Root, "statcache.tsv"));
        cache.Hash(file);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(1));
        Thread.Sleep(30); // past the racy window of the touch's ctime
        Assert.Equal(Sha256Hex.OfText("pixels"), cache.Hash(file));
        Assert.Equal(2, cache.FilesHashed);
        Assert.Equal(Sha256Hex.OfText("pixels"), cache.Hash(file));
        Assert.Equal(2, cache.FilesHashed);

        // Same size, same mtime, new content written to a new inode (as rsync or an editor's save does).
        var mtime = File.GetLastWriteTimeUtc(file);
        string temp = _ws.Write("data/a.tmp", "PIXELS");
        File.SetLastWriteTimeUtc(temp, mtime);
        File.Move(temp, file, overwrite: true);
        Assert.Equal(Sha256Hex.OfText("PIXELS"), cache.Hash(file));
    }

    [Fact]
    public void FoldersAndGlobsExpandToSortedFilesWithoutDotFiles()
    {
        _ws.Write("dicom/p2/s1/b.dcm", "1");
        _ws.Write("dicom/p1/s1/a.dcm", "2");
        _ws.Write("dicom/p1/.DS_Store", "x");
        _ws.Write("dicom/p1/notes.txt", "3");
        var folder = InputResolver.Expand(_ws.Root, "dicom", out var p1);
        Assert.Null(p1);
        Assert.Equal(["dicom/p1/notes.txt", "dicom/p1/s1/a.dcm", "dicom/p2/s1/b.dcm"], folder.Select(_ws.Workspace.Relative));
        Assert.Equal(["dicom/p1/s1/a.dcm", "dicom/p2/s1/b.dcm"], InputResolver.Expand(_ws.Root, "dicom/**/*.dcm", out _).Select(_ws.Workspace.Relative));
        Assert.Equal(["dicom/p1/notes.txt"], InputResolver.Expand(_ws.Root, "dicom/p?/*.txt", out _).Select(_ws.Workspace.Relative));
        Assert.Empty(InputResolver.Expand(_ws.Root, "dicom/*.dcm", out var problem));
        Assert.Contains("matches no file", problem);
        InputResolver.Expand(_ws.Root, "nowhere.csv", out var missing);
        Assert.Contains("is neither a file nor a folder", missing);
    }

    [Fact]
    public void ContentStoreAddsAtomicallyAndDeduplicates()
    {
        var store = new ContentStore(_ws.Workspace);
        _ws.Workspace.EnsureCreated();
        string a = _ws.Write("cache/tmp/x1", "same bytes"), b = _ws.Write("cache/tmp/x2", "same bytes");
        var (digest, size) = store.Add(a);
        Assert.Equal((digest, size), store.Add(b));
        Assert.Equal(Sha256Hex.OfText("same bytes"), digest);
        Assert.False(File.Exists(a) || File.Exists(b));
        Assert.Equal([digest], store.All());
        Assert.True(store.Verify(digest));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(store.PathOf(digest)));
    }
}
