namespace Radiogenomics.DataSources;

/// <summary>
/// The archive has entries that would land outside the target folder (zip-slip: "..", absolute paths, drive
/// letters), links, or duplicate names. Raised before anything is written.
/// </summary>
public sealed class UnsafeArchiveException : IOException
{
    public UnsafeArchiveException(string archivePath, IReadOnlyList<(string EntryName, string Reason)> rejected)
        : base($"{archivePath}: refused to extract; {rejected.Count} unsafe entr{(rejected.Count == 1 ? "y" : "ies")}: " +
               string.Join("; ", rejected.Take(10).Select(r => $"'{r.EntryName}' ({r.Reason})")) +
               ". Nothing was written. The archive is damaged or hostile; download it again from the archive's own URL.")
    {
        ArchivePath = archivePath;
        Rejected = rejected;
    }

    public string ArchivePath { get; }
    public IReadOnlyList<(string EntryName, string Reason)> Rejected { get; }
}
