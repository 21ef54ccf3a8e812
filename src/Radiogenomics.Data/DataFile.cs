namespace Radiogenomics.Data;

/// <summary>A file a reader opens (<paramref name="FullPath"/>) and the path its errors name (<paramref name="DisplayPath"/>, e.g. relative to the workspace).</summary>
public sealed record DataFile(string FullPath, string DisplayPath);
