namespace Radiogenomics.DataSources;

/// <summary>Reported as bytes arrive (about every 64 KiB) and once at the end.</summary>
/// <param name="Path">The destination file.</param>
/// <param name="BytesReceived">Bytes of the file on disk so far, resumed bytes included.</param>
/// <param name="TotalBytes">Full size, when the index or the server says it.</param>
/// <param name="Attempt">1 for the first try, more after a resume.</param>
public readonly record struct DownloadProgress(string Path, long BytesReceived, long? TotalBytes, int Attempt)
{
    public double? Fraction => TotalBytes is > 0 ? (double)BytesReceived / TotalBytes.Value : null;
}
