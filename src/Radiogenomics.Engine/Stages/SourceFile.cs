using Radiogenomics.Engine.Hashing;

namespace Radiogenomics.Engine.Stages;

/// <summary>A workspace file read by a source stage, with the content hash that went into the cache key.</summary>
public sealed record SourceFile(string RelativePath, string FullPath, string Sha256, long Size)
{
    /// <summary>Hashes files a stage wrote or downloaded itself (in parallel), described as the engine describes inputs.</summary>
    public static List<SourceFile> HashAll(string workspaceRoot, IReadOnlyList<string> fullPaths, CancellationToken cancellationToken = default)
    {
        var hashes = new string[fullPaths.Count];
        Parallel.For(0, fullPaths.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => hashes[i] = Sha256Hex.OfFile(fullPaths[i]));
        return fullPaths.Select((f, i) => new SourceFile(Path.GetRelativePath(workspaceRoot, f).Replace('\\', '/'), f, hashes[i], new FileInfo(f).Length)).ToList();
    }
}
