namespace Radiogenomics.Engine.Caching;

/// <summary>A stored stage output: content digest, size and file extension (".parquet", ".png").</summary>
public sealed record OutputObject(string Sha256, long Size, string Extension);
