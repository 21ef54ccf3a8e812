namespace Radiogenomics.Imaging.Dicom;

public enum DicomProblemSeverity
{
    /// <summary>Expected in real downloads (a LICENSE beside the images); nothing to do.</summary>
    Info,

    /// <summary>Usable, but look: results may silently depend on it.</summary>
    Warning,

    /// <summary>Data is missing or unusable until fixed.</summary>
    Error,
}
