namespace Radiogenomics.DataSources;

/// <summary>What to fetch, where to put it, and what the finished file must look like.</summary>
/// <param name="Source">Absolute URL to GET.</param>
/// <param name="DestinationPath">Final file path; the download lives at <c>DestinationPath + ".partial"</c> until verified.</param>
/// <param name="ExpectedSize">Size in bytes the archive's index states (GDC file_size), if known.</param>
/// <param name="ExpectedMd5">Hex MD5 the archive's index states (GDC md5sum), if known.</param>
public sealed record DownloadRequest(Uri Source, string DestinationPath, long? ExpectedSize = null, string? ExpectedMd5 = null)
{
    /// <summary>Where bytes accumulate until the file is complete and verified.</summary>
    public string PartialPath => DestinationPath + ".partial";
}
