namespace Radiogenomics.Engine.Stages;

/// <summary>A workspace file read by a source stage, with the content hash that went into the cache key.</summary>
public sealed record SourceFile(string RelativePath, string FullPath, string Sha256, long Size);
