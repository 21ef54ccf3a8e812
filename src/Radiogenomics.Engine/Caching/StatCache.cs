using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Radiogenomics.Engine.Hashing;

namespace Radiogenomics.Engine.Caching;

/// <summary>
/// Remembers (size, mtime, ctime, device, inode) → SHA-256 per file, as DVC's state database and git's index do,
/// so an unchanged tree is not read again, and a file that was touched but not changed is re-hashed once and then
/// keys exactly as before (no rerun). ctime is what catches an in-place edit whose mtime was put back
/// (<c>touch -r</c>, <c>cp -p</c>, <c>rsync -t</c>, tar): user space can set mtime but not ctime.
/// A digest is remembered only when the file's ctime is older than the hash by more than the kernel's timestamp
/// granularity, so a write in the same clock tick as the hash (git's "racy" case) is never served stale.
/// </summary>
public sealed class StatCache
{
    /// <summary>Larger than the coarse clock tick file timestamps come from (1–10 ms, by the kernel's HZ).</summary>
    private static readonly long RacyWindowNs = 20_000_000;

    private readonly string _path;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private volatile bool _dirty;

    private readonly record struct Entry(FileStamp Stamp, string Sha256);

    public StatCache(string path)
    {
        _path = path;
        if (!File.Exists(path)) return;
        Span<Range> fields = stackalloc Range[8];
        foreach (var line in File.ReadLines(path))
        {
            // path, size, mtime ns, ctime ns, device, inode, digest; a line of another layout or a damaged one only costs a re-hash.
            // Parsed from spans: a no-op rerun loads one line per file a fetch stage wrote (tens of thousands).
            var text = line.AsSpan();
            if (text.Split(fields, '\t') != 7) continue;
            var digest = text[fields[6]];
            if (!Sha256Hex.IsDigest(digest)) continue;
            if (!long.TryParse(text[fields[1]], NumberStyles.None, CultureInfo.InvariantCulture, out long size)
                || !long.TryParse(text[fields[2]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long mtime)
                || !long.TryParse(text[fields[3]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long ctime)
                || !ulong.TryParse(text[fields[4]], NumberStyles.None, CultureInfo.InvariantCulture, out ulong device)
                || !ulong.TryParse(text[fields[5]], NumberStyles.None, CultureInfo.InvariantCulture, out ulong inode)) continue;
            _entries[line[fields[0]]] = new Entry(new FileStamp(size, mtime, ctime, device, inode, 0), digest.ToString());
        }
    }

    /// <summary>Number of files actually read (not served from the cache) since construction.</summary>
    public int FilesHashed => _filesHashed;
    private int _filesHashed;

    public string Hash(string fullPath) => TryHash(fullPath) ?? throw new FileNotFoundException($"input file not found: {fullPath}", fullPath);

    /// <summary>The file's digest, or null when it does not exist (one stat when it is unchanged since it was last hashed).</summary>
    public string? TryHash(string fullPath)
    {
        if (FileIdentity.StampOf(fullPath) is not { } stamp) return null;
        if (_entries.TryGetValue(fullPath, out var e) && e.Stamp.Matches(stamp)) return e.Sha256;
        long startedNs = UnixNowNs();
        string digest;
        try
        {
            digest = Sha256Hex.OfFile(fullPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            Forget(fullPath); // deleted between the stat and the read
            return null;
        }
        Interlocked.Increment(ref _filesHashed);
        // Re-read the stat: if the file changed while we hashed it, or may change within the same clock tick, do not remember it.
        if (FileIdentity.StampOf(fullPath) is { } after && after.Matches(stamp) && (stamp.CtimeNs == 0 || startedNs - stamp.CtimeNs > RacyWindowNs))
        {
            _entries[fullPath] = new Entry(stamp, digest);
            _dirty = true;
        }
        else if (_entries.TryRemove(fullPath, out _)) _dirty = true;
        return digest;
    }

    /// <summary>Drops what is remembered about a file (deleted, or found damaged).</summary>
    public void Forget(string fullPath)
    {
        if (_entries.TryRemove(fullPath, out _)) _dirty = true;
    }

    private static long UnixNowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    /// <summary>Hashes many files in parallel (order of the result follows the input).</summary>
    public string[] HashAll(IReadOnlyList<string> fullPaths, int parallelism, Action<int, int>? progress = null)
    {
        var result = TryHashAll(fullPaths, parallelism, progress);
        for (int i = 0; i < result.Length; i++)
            if (result[i] is null) throw new FileNotFoundException($"input file not found: {fullPaths[i]}", fullPaths[i]);
        return result!;
    }

    /// <summary>As <see cref="HashAll"/>, with null for a file that does not exist.</summary>
    public string?[] TryHashAll(IReadOnlyList<string> fullPaths, int parallelism, Action<int, int>? progress = null)
    {
        var result = new string?[fullPaths.Count];
        int done = 0;
        Parallel.For(0, fullPaths.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            result[i] = TryHash(fullPaths[i]);
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
            var s = e.Stamp;
            sb.Append(path).Append('\t').Append(s.Size.ToString(CultureInfo.InvariantCulture)).Append('\t')
              .Append(s.MtimeNs.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(s.CtimeNs.ToString(CultureInfo.InvariantCulture)).Append('\t')
              .Append(s.Device.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(s.Inode.ToString(CultureInfo.InvariantCulture)).Append('\t')
              .Append(e.Sha256).Append('\n');
        }
        AtomicFile.WriteAllText(_path, sb.ToString());
        _dirty = false;
    }
}
