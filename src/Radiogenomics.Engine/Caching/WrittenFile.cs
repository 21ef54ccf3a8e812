namespace Radiogenomics.Engine.Caching;

/// <summary>
/// A file a stage wrote outside the cache for later stages (e.g. a generated DICOM tree), as recorded: workspace-relative
/// path, digest and size. The stage's record is reusable only while every one still has that digest.
/// </summary>
public sealed record WrittenFile(string Path, string Sha256, long Size);
