namespace Radiogenomics.Imaging.Dicom;

/// <summary>A file is not DICOM, is truncated or cannot be decoded. The message names the file and the fix.</summary>
public sealed class DicomFormatException : Exception
{
    public DicomFormatException(string filePath, DicomFormatError error, string reason, string fix, Exception? inner = null)
        : base($"{filePath}: {reason} Fix: {fix}", inner)
    {
        FilePath = filePath;
        Error = error;
        Reason = reason;
        Fix = fix;
    }

    public string FilePath { get; }

    public DicomFormatError Error { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Reason { get; }

    /// <summary>What to do about it.</summary>
    public string Fix { get; }

    public bool IsTruncated => Error == DicomFormatError.Truncated;
}
