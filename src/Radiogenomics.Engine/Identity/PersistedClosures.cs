using System.Text.Json;

namespace Radiogenomics.Engine.Identity;

/// <summary>
/// The type-closure identities computed before, persisted under the workspace's cache (cache/code-identity.json) so
/// that a no-op rerun does not walk the assemblies again. An entry holds for a kind as long as every assembly its walk
/// read is unchanged: the same size and modification time (as the engine's stat cache trusts input files), or else
/// the same <see cref="AssemblyDigest"/>. Anything unreadable is treated as absent: the closure is computed afresh.
/// </summary>
internal sealed class PersistedClosures(string path)
{
    private readonly object _gate = new();
    private Dictionary<string, Entry>? _entries;

    internal sealed record AssemblyFile(string Path, long Length, long ModifiedTicks, string Digest);

    internal sealed record Entry(List<AssemblyFile> Files, SortedDictionary<string, string> Identity);

    public SortedDictionary<string, string>? Find(string key, Func<string, string> digestOf)
    {
        Entry? entry;
        lock (_gate) (_entries ??= Load()).TryGetValue(key, out entry);
        if (entry is null) return null;
        foreach (var file in entry.Files)
        {
            var info = new FileInfo(file.Path);
            if (!info.Exists) return null;
            if (info.Length == file.Length && info.LastWriteTimeUtc.Ticks == file.ModifiedTicks) continue;
            if (digestOf(file.Path) != file.Digest) return null;
        }
        return new SortedDictionary<string, string>(entry.Identity, StringComparer.Ordinal);
    }

    /// <summary>Records a fresh closure; <paramref name="files"/> are the assemblies its walk read, with their digests.</summary>
    public void Save(string key, IEnumerable<(string Path, string Digest)> files, SortedDictionary<string, string> identity)
    {
        var entry = new Entry(files.Select(f =>
        {
            var info = new FileInfo(f.Path);
            return new AssemblyFile(f.Path, info.Length, info.LastWriteTimeUtc.Ticks, f.Digest);
        }).ToList(), identity);
        lock (_gate)
        {
            (_entries ??= Load())[key] = entry;
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
                string temporary = path + "." + Environment.ProcessId + ".tmp";
                File.WriteAllText(temporary, JsonSerializer.Serialize(_entries));
                File.Move(temporary, path, overwrite: true);   // whole file or none: a crash leaves the old one
            }
            catch (IOException) { }   // a cache, not a record: the next process computes the closure again
            catch (UnauthorizedAccessException) { }
        }
    }

    private Dictionary<string, Entry> Load()
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllText(path)) ?? [] : [];
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
