namespace Radiogenomics.DataSources;

/// <summary>
/// The bytes received are not the file the archive's index describes (size or MD5 differ), or files inside an
/// archive do not match its checksum list. The bad file is never promoted to its final name.
/// </summary>
public sealed class DownloadIntegrityException : IOException
{
    public DownloadIntegrityException(string path, string what, string expected, string actual, string fix)
        : base($"{path}: {what} mismatch: expected {expected}, got {actual}. {fix}")
    {
        Path = path;
        What = what;
        Expected = expected;
        Actual = actual;
    }

    public string Path { get; }

    /// <summary>"size" or "MD5".</summary>
    public string What { get; }

    public string Expected { get; }
    public string Actual { get; }
}
