namespace Radiogenomics.Imaging.Dicom;

/// <summary>What <see cref="DicomSeriesIndex"/> found wrong with a file or series.</summary>
public enum DicomProblemKind
{
    /// <summary>Not DICOM (LICENSE, metadata.csv, notes): skipped.</summary>
    NotDicom,

    /// <summary>Cut short (an interrupted download or copy): skipped.</summary>
    Truncated,

    /// <summary>DICOM that GDCM cannot parse, or an I/O error: skipped.</summary>
    Unreadable,

    /// <summary>No PatientID (0010,0020): kept under PatientId "" but cannot be linked to clinical or genomic data.</summary>
    MissingPatientId,

    /// <summary>No Study, Series or SOP Instance UID: skipped, it cannot be placed in a series.</summary>
    MissingUid,

    /// <summary>A second file with an SOP Instance UID already seen: left out, the first (in path order) kept.</summary>
    DuplicateSopInstanceUid,

    /// <summary>Files of one series disagree on matrix size, spacing or orientation, or one UID spans patients.</summary>
    InconsistentSeries,
}
