namespace Radiogenomics.Imaging.Dicom;

/// <summary>Outcome of walking a file's element structure without decoding values.</summary>
internal enum DicomLayoutStatus
{
    /// <summary>Every element, item and delimiter fits inside the file.</summary>
    Complete,

    /// <summary>Neither a Part 10 file nor a recognisable bare data set.</summary>
    NotDicom,

    /// <summary>An element, item or delimiter runs past the end of the file.</summary>
    Truncated,

    /// <summary>Something this walker does not follow (invalid VR, stray delimiter or item): unreadable, never handed to GDCM.</summary>
    Unrecognised,
}
