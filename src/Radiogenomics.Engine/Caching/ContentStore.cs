using Radiogenomics.Engine.Hashing;

namespace Radiogenomics.Engine.Caching;

/// <summary>
/// Immutable objects addressed by their SHA-256: <c>cache/objects/ab/cdef…</c>. An object appears by an
/// atomic rename from the store's temp folder (same file system), so it is either absent or complete.
/// Objects are made read-only because archived runs hard-link them.
/// </summary>
public sealed class ContentStore(Workspace workspace)
{
    public string PathOf(string sha256) => Path.Combine(workspace.ObjectsDirectory, sha256[..2], sha256[2..]);

    public bool Contains(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>Moves a finished file into the store and returns its digest and size.</summary>
    public (string Sha256, long Size) Add(string file)
    {
        string digest = Sha256Hex.OfFile(file);
        long size = new FileInfo(file).Length;
        string target = PathOf(digest);
        if (File.Exists(target))
        {
            File.Delete(file); // identical content is already stored
            return (digest, size);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            File.Move(file, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            File.Delete(file); // a concurrent writer stored the same bytes first
        }
        return (digest, size);
    }

    public IEnumerable<string> All()
    {
        if (!Directory.Exists(workspace.ObjectsDirectory)) yield break;
        foreach (var dir in Directory.EnumerateDirectories(workspace.ObjectsDirectory))
        foreach (var file in Directory.EnumerateFiles(dir))
        {
            string digest = Path.GetFileName(dir) + Path.GetFileName(file);
            if (Sha256Hex.IsDigest(digest)) yield return digest;
        }
    }

    /// <summary>Re-hashes an object; false when its bytes no longer match its name.</summary>
    public bool Verify(string sha256) => Contains(sha256) && Sha256Hex.OfFile(PathOf(sha256)) == sha256;

    public void Delete(string sha256)
    {
        string path = PathOf(sha256);
        if (File.Exists(path)) File.Delete(path);
    }
}
