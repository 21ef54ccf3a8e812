using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Radiogenomics.Engine.Hashing;

namespace Radiogenomics.Engine.Caching;

/// <summary>
/// Remembers (size, mtime, device, inode) → SHA-256 per file, as DVC's state database does, so an
/// unchanged input tree is not read again, and a file that was touched but not changed is re-hashed
/// once and then keys exactly as before (no rerun).
/// </summary>
public sealed class StatCache
{
    private readonly string _path;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private volatile bool _dirty;

    private readonly record struct Entry(long Size, long MtimeTicks, ulong Device, ulong Inode, string Sha256);

    public StatCache(string path)
    {
        _path = path;
        if (!File.Exists(path)) return;
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split('\t');
            if (f.Length != 6 || !Sha256Hex.IsDigest(f[5])) continue; // a damaged line only costs a re-hash
            _entries[f[0]] = new Entry(long.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture),
                ulong.Parse(f[3], CultureInfo.InvariantCulture), ulong.Parse(f[4], CultureInfo.InvariantCulture), f[5]);
        }
    }

    /// <summary>Number of files actually read (not served from the cache) since construction.</summary>
    public int FilesHashed => _filesHashed;
    private int _filesHashed;

    public string Hash(string fullPath)
    {
        var info = new FileInfo(fullPath);
        if (!info.Exists) throw new FileNotFoundException($"input file not found: {fullPath}", fullPath);
        var (device, inode) = FileIdentity.Get(fullPath);
        long size = info.Length, mtime = info.LastWriteTimeUtc.Ticks;
        if (_entries.TryGetValue(fullPath, out var e) && e.Size == size && e.MtimeTicks == mtime && e.Device == device && e.Inode == inode)
            return e.Sha256;
        string digest = Sha256Hex.OfFile(fullPath);
        Interlocked.Increment(ref _filesHashed);
        // Re-read the stat: if the file changed while we hashed it, do not remember a digest for it.
        var after = new FileInfo(fullPath);
        if (after.Length == size && after.LastWriteTimeUtc.Ticks == mtime)
        {
            _entries[fullPath] = new Entry(size, mtime, device, inode, digest);
            _dirty = true;
        }
        return digest;
    }

    /// <summary>Hashes many files in parallel (order of the result follows the input).</summary>
    public string[] HashAll(IReadOnlyList<string> fullPaths, int parallelism, Action<int, int>? progress = null)
    {
        var result = new string[fullPaths.Count];
        int done = 0;
        Parallel.For(0, fullPaths.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            result[i] = Hash(fullPaths[i]);
            progress?.Invoke(Interlocked.Increment(ref done), fullPaths.Count);
        });
        return result;
    }

    public void Save()
    {
        if (!_dirty) return;
        var sb = new StringBuilder();
        foreach (var (path, e) in _entries.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (path.Contains('\t') || path.Contains('\n')) continue;
            sb.Append(path).Append('\t').Append(e.Size.ToString(CultureInfo.InvariantCulture)).Append('\t')
              .Append(e.MtimeTicks.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(e.Device.ToString(CultureInfo.InvariantCulture)).Append('\t')
              .Append(e.Inode.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(e.Sha256).Append('\n');
        }
        AtomicFile.WriteAllText(_path, sb.ToString());
        _dirty = false;
    }
}
