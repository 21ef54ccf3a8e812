namespace Radiogenomics.DataSources;

/// <summary>What <see cref="SafeZipExtractor.Extract"/> produced.</summary>
/// <param name="TargetDirectory">The folder holding the extracted files.</param>
/// <param name="Entries">Every entry, in archive order.</param>
/// <param name="LicensePath">Where the LICENSE entry was written, if the archive had one.</param>
/// <param name="ChecksumsVerified">Files whose MD5 was checked against md5hashes.csv (0 when the archive had none).</param>
public sealed record ZipExtractionResult(string TargetDirectory, IReadOnlyList<ZipEntryReport> Entries, string? LicensePath, int ChecksumsVerified)
{
    /// <summary>The data files written into <see cref="TargetDirectory"/>.</summary>
    public IReadOnlyList<ZipEntryReport> Files => Entries.Where(e => e.Kind == ZipEntryKind.File).ToArray();
}
