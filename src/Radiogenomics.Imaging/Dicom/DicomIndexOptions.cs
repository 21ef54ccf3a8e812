namespace Radiogenomics.Imaging.Dicom;

public sealed record DicomIndexOptions
{
    /// <summary>Files read at once; -1: one per processor. Header reads are I/O and GDCM parsing, a few kB each.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Report non-DICOM files as <see cref="DicomProblemKind.NotDicom"/> (Info) problems.</summary>
    public bool ReportNonDicomFiles { get; init; } = true;
}
