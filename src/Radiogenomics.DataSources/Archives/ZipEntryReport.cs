namespace Radiogenomics.DataSources;

/// <summary>One entry of an extracted archive.</summary>
/// <param name="EntryName">The name as stored in the zip.</param>
/// <param name="Kind">What was done with it.</param>
/// <param name="Path">Where it ended up (null for checksum lists, which are only read).</param>
/// <param name="Length">Uncompressed bytes.</param>
public sealed record ZipEntryReport(string EntryName, ZipEntryKind Kind, string? Path, long Length);
