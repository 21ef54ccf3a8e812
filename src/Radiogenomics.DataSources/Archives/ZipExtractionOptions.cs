namespace Radiogenomics.DataSources;

/// <summary>Settings for <see cref="SafeZipExtractor"/>.</summary>
public sealed record ZipExtractionOptions
{
    /// <summary>Where the LICENSE entry goes; null means <c>&lt;target folder&gt;.LICENSE.txt</c> beside the folder,
    /// so the folder holds only data files and readers need not know about it.</summary>
    public string? LicensePath { get; init; }

    /// <summary>Replace the target folder if it exists (otherwise an existing folder is an error).</summary>
    public bool Overwrite { get; init; }

    /// <summary>Check files against md5hashes.csv when the archive has one.</summary>
    public bool VerifyChecksums { get; init; } = true;

    /// <summary>Stop when the uncompressed bytes written exceed this (zip-bomb guard). Counted on the bytes
    /// actually produced, not the sizes the archive claims.</summary>
    public long MaxTotalBytes { get; init; } = 64L << 30;

    public int MaxEntries { get; init; } = 200_000;
}
