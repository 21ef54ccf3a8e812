namespace Radiogenomics.DataSources;

/// <summary>One series fetched with getImage and extracted.</summary>
/// <param name="SeriesInstanceUid">The series.</param>
/// <param name="Directory">Folder holding only the series' DICOM files.</param>
/// <param name="Files">The DICOM files, sorted by name (server order, not geometric order).</param>
/// <param name="LicensePath">The collection licence NBIA ships with every series, if the zip had one.</param>
/// <param name="AlreadyPresent">The folder existed from an earlier run; nothing was fetched.</param>
/// <param name="ChecksumsVerified">Files checked against the server's md5hashes.csv (IncludeMD5=yes).</param>
public sealed record TciaSeriesDownload(
    string SeriesInstanceUid,
    string Directory,
    IReadOnlyList<string> Files,
    string? LicensePath,
    bool AlreadyPresent,
    int ChecksumsVerified);
