using System.Security.Cryptography;
using Radiogenomics.Engine.Hashing;

namespace Radiogenomics.Engine.Caching;

/// <summary>
/// Immutable objects addressed by their SHA-256: <c>cache/objects/ab/cdef…</c>. An object appears by an
/// atomic rename from the store's temp folder (same file system), so it is either absent or complete.
/// <para>
/// Nothing is served without a check that its bytes still match its name (<see cref="IsIntact"/>): each object's
/// stat (size, mtime, ctime, device, inode) is recorded when it was last hashed (<c>cache/objects.checked.tsv</c>),
/// and an object whose stat differs is hashed again before use. Any write to an object through the file system —
/// an editor, <c>dd conv=notrunc</c>, a restored mtime — changes its ctime, so it is caught on the next read at the
/// cost of one stat per object; damage below the file system (bit rot, a raw disk write) leaves the stat alone and
/// is caught by <see cref="Verify"/> (<c>rg fsck</c>), which re-hashes everything. Archived runs get copies
/// (<see cref="CopyOut"/>), never links, so editing an archive cannot reach the store.
/// </para>
/// </summary>
public sealed class ContentStore(Workspace workspace)
{
    private readonly Lazy<StatCache> _checks = new(() => new StatCache(workspace.ObjectChecksPath));

    public string PathOf(string sha256) => Path.Combine(workspace.ObjectsDirectory, sha256[..2], sha256[2..]);

    public bool Contains(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>True when the object exists and its bytes match its name (hashed again only when its stat changed since the last check).</summary>
    public bool IsIntact(string sha256)
    {
        string path = PathOf(sha256);
        if (!File.Exists(path)) return false;
        try
        {
            return _checks.Value.Hash(path) == sha256;
        }
        catch (FileNotFoundException)
        {
            return false; // collected between the two calls
        }
    }

    /// <summary>Moves a finished file into the store and returns its digest and size. A damaged object of the same name is replaced.</summary>
    public (string Sha256, long Size) Add(string file)
    {
        string digest = Sha256Hex.OfFile(file);
        long size = new FileInfo(file).Length;
        string target = PathOf(digest);
        if (IsIntact(digest))
        {
            File.Delete(file); // identical content is already stored
            return (digest, size);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        // Overwriting is safe: the name is the content, so whatever is there is either the same bytes or damage.
        File.Move(file, target, overwrite: true);
        // Not recorded as checked: the rename just set its ctime, so the first read re-hashes it once (see StatCache's racy window).
        _checks.Value.Forget(target);
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

    /// <summary>Re-hashes an object whatever its stat says; false when its bytes no longer match its name.</summary>
    public bool Verify(string sha256)
    {
        string path = PathOf(sha256);
        if (!File.Exists(path)) return false;
        _checks.Value.Forget(path);
        return _checks.Value.Hash(path) == sha256;
    }

    /// <summary>
    /// Copies an object to <paramref name="destination"/>, hashing the bytes as they are copied: the copy is what its
    /// name says or it is not made (<see cref="CorruptObjectException"/>). A copy, not a hard link, so that editing the
    /// destination can never change the store or another run.
    /// </summary>
    public void CopyOut(string sha256, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        string source = PathOf(sha256);
        using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan))
        using (var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[1 << 20];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                output.Write(buffer, 0, read);
            }
            if (Convert.ToHexStringLower(sha.GetHashAndReset()) == sha256) return;
        }
        File.Delete(destination);
        _checks.Value.Forget(source);
        throw new CorruptObjectException(sha256, source);
    }

    /// <summary>Moves a damaged object out of the store into <c>cache/corrupt/</c> (kept for inspection); returns where it went.</summary>
    public string Quarantine(string sha256)
    {
        string path = PathOf(sha256);
        string target = Path.Combine(workspace.CorruptDirectory, $"{sha256}.{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}");
        Directory.CreateDirectory(workspace.CorruptDirectory);
        File.Move(path, target, overwrite: true);
        _checks.Value.Forget(path);
        return target;
    }

    public void Delete(string sha256)
    {
        string path = PathOf(sha256);
        if (File.Exists(path)) File.Delete(path);
        if (_checks.IsValueCreated) _checks.Value.Forget(path);
    }

    /// <summary>Writes the check records (what each object's stat was when it was last hashed).</summary>
    public void SaveChecks()
    {
        if (_checks.IsValueCreated) _checks.Value.Save();
    }
}
