namespace Radiogenomics.Engine.Caching;

/// <summary>
/// The folders of a workspace: <c>cache/</c> (objects, stage records, state, stat cache, temp files, lock)
/// and <c>runs/</c> (one archived provenance folder per run). Input paths in workflows are relative to <see cref="Root"/>.
/// </summary>
public sealed class Workspace
{
    public Workspace(string root, string? cacheDirectory = null, string? runsDirectory = null)
    {
        Root = Path.GetFullPath(root);
        CacheDirectory = Path.GetFullPath(cacheDirectory ?? Path.Combine(Root, "cache"));
        RunsDirectory = Path.GetFullPath(runsDirectory ?? Path.Combine(Root, "runs"));
    }

    public string Root { get; }
    public string CacheDirectory { get; }
    public string RunsDirectory { get; }
    public string ObjectsDirectory => Path.Combine(CacheDirectory, "objects");
    public string RecordsDirectory => Path.Combine(CacheDirectory, "records");
    public string StateDirectory => Path.Combine(CacheDirectory, "state");
    public string JournalDirectory => Path.Combine(CacheDirectory, "journal");
    public string TempDirectory => Path.Combine(CacheDirectory, "tmp");
    public string StatCachePath => Path.Combine(CacheDirectory, "statcache.tsv");

    /// <summary>Each cache object's stat when it was last hashed, so reads re-hash only what changed.</summary>
    public string ObjectChecksPath => Path.Combine(CacheDirectory, "objects.checked.tsv");

    /// <summary>Damaged objects moved out of the store by <c>rg fsck</c>, kept for inspection.</summary>
    public string CorruptDirectory => Path.Combine(CacheDirectory, "corrupt");
    public string LockPath => Path.Combine(CacheDirectory, "lock");

    public void EnsureCreated()
    {
        foreach (var d in new[] { CacheDirectory, ObjectsDirectory, RecordsDirectory, StateDirectory, JournalDirectory, TempDirectory, RunsDirectory })
            Directory.CreateDirectory(d);
    }

    /// <summary>A path under runs/ as "workflow/id", for messages.</summary>
    public string RelativeToRuns(string fullPath) => Path.GetRelativePath(RunsDirectory, fullPath).Replace('\\', '/');

    /// <summary>Workspace-relative path with forward slashes, as it is keyed and shown to users.</summary>
    public string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');
}
