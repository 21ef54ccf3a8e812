namespace Radiogenomics.Imaging.Dicom;

/// <summary>
/// The key attributes of one DICOM file, read without decoding pixels. Text values are trimmed of DICOM
/// padding; absent or empty attributes are "" (text) or null (numbers), except where a default is stated.
/// </summary>
public sealed record DicomHeader
{
    public required string FilePath { get; init; }

    public long FileSize { get; init; }

    /// <summary>(0002,0010), e.g. 1.2.840.10008.1.2.1 for explicit VR little endian.</summary>
    public string TransferSyntaxUid { get; init; } = "";

    /// <summary>(0010,0020); "" when absent, which <see cref="DicomSeriesIndex"/> reports as a problem.</summary>
    public string PatientId { get; init; } = "";

    public string PatientName { get; init; } = "";

    /// <summary>(0010,0030) as written, YYYYMMDD; read only to warn that it is there (it identifies a person).</summary>
    public string PatientBirthDate { get; init; } = "";

    public string StudyInstanceUid { get; init; } = "";

    public string SeriesInstanceUid { get; init; } = "";

    public string SopInstanceUid { get; init; } = "";

    public string SopClassUid { get; init; } = "";

    public string FrameOfReferenceUid { get; init; } = "";

    /// <summary>(0008,0020) as written, YYYYMMDD.</summary>
    public string StudyDate { get; init; } = "";

    public string Modality { get; init; } = "";

    public string Manufacturer { get; init; } = "";

    public string ManufacturerModelName { get; init; } = "";

    /// <summary>(0018,0087) as written: tesla by the standard, but some old GE headers hold gauss (15000).</summary>
    public double? MagneticFieldStrength { get; init; }

    public string BodyPartExamined { get; init; } = "";

    public string SeriesDescription { get; init; } = "";

    public int? SeriesNumber { get; init; }

    public int? AcquisitionNumber { get; init; }

    public int? InstanceNumber { get; init; }

    /// <summary>(0020,0100): the phase of a dynamic (DCE) series, 1 = first.</summary>
    public int? TemporalPositionIdentifier { get; init; }

    /// <summary>(0018,1060) in milliseconds.</summary>
    public double? TriggerTime { get; init; }

    /// <summary>(0008,0032) as written (HHMMSS.FFFFFF).</summary>
    public string AcquisitionTimeText { get; init; } = "";

    /// <summary>(0008,0032) parsed as a time of day; null when absent or malformed.</summary>
    public TimeSpan? AcquisitionTime { get; init; }

    /// <summary>(0018,0081) in milliseconds.</summary>
    public double? EchoTime { get; init; }

    /// <summary>(0018,0080) in milliseconds.</summary>
    public double? RepetitionTime { get; init; }

    /// <summary>(0018,1314) in degrees.</summary>
    public double? FlipAngle { get; init; }

    /// <summary>(0020,0032): the centre of the first transmitted voxel, mm, LPS.</summary>
    public Vector3D? ImagePositionPatient { get; init; }

    /// <summary>(0020,0037).</summary>
    public ImageOrientation? ImageOrientationPatient { get; init; }

    /// <summary>(0028,0030).</summary>
    public PixelSpacing? PixelSpacing { get; init; }

    /// <summary>(0018,0050) in mm.</summary>
    public double? SliceThickness { get; init; }

    /// <summary>(0020,1041) in mm; informative only, ImagePositionPatient is the reliable one.</summary>
    public double? SliceLocation { get; init; }

    public int Rows { get; init; }

    public int Columns { get; init; }

    /// <summary>(0028,0008); 1 when absent.</summary>
    public int NumberOfFrames { get; init; } = 1;

    /// <summary>(0028,0002); 1 when absent.</summary>
    public int SamplesPerPixel { get; init; } = 1;

    public string PhotometricInterpretation { get; init; } = "";

    public int BitsAllocated { get; init; }

    public int BitsStored { get; init; }

    public int HighBit { get; init; }

    /// <summary>(0028,0103): 0 unsigned, 1 two's complement.</summary>
    public int PixelRepresentation { get; init; }

    /// <summary>(0028,1053) as written; null when absent (then 1 applies).</summary>
    public double? RescaleSlope { get; init; }

    /// <summary>(0028,1052) as written; null when absent (then 0 applies).</summary>
    public double? RescaleIntercept { get; init; }

    /// <summary>The file has a top-level Pixel Data (7FE0,0010) element.</summary>
    public bool HasPixelData { get; init; }

    /// <summary>Pixel Data is encapsulated (compressed: RLE, JPEG, JPEG-LS, JPEG 2000).</summary>
    public bool IsEncapsulated { get; init; }

    public DicomObjectKind ObjectKind { get; init; }

    /// <summary>False for SR, PR, KO, SEG, RT structure sets and other objects without an image to analyse.</summary>
    public bool IsImage => ObjectKind == DicomObjectKind.Image;

    /// <summary>
    /// Field strength in tesla: values above 100 are taken as gauss (old GE headers write 15000 for 1.5 T).
    /// </summary>
    public double? MagneticFieldStrengthTesla =>
        MagneticFieldStrength is { } value ? value > 100 ? value / 10000 : value : null;

    /// <summary>
    /// True when this header was rebuilt from an index table a fetch stage wrote, not read from the file: it carries
    /// what series selection and phase splitting use (ids, description, temporal position, trigger and acquisition
    /// time, instance number, slice position), not the geometry or pixel format, which
    /// <see cref="Preprocessing.VolumeAssembler"/> then reads from the file itself.
    /// </summary>
    public bool FromIndex { get; init; }

    /// <summary>The slice position an index recorded (<see cref="FromIndex"/> headers have no geometry to compute it from).</summary>
    public double? IndexedSlicePosition { get; init; }

    /// <summary>The position projected on the slice normal: sorts slices of a series along the stack.</summary>
    public double? SlicePositionAlongNormal =>
        ImagePositionPatient is { } position && ImageOrientationPatient is { } orientation
            ? Vector3D.Dot(position, orientation.Normal)
            : IndexedSlicePosition;
}
