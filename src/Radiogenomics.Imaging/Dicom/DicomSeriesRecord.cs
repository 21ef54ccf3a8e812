namespace Radiogenomics.Imaging.Dicom;

/// <summary>
/// One series as found on disk, grouped by (PatientID, StudyInstanceUID, SeriesInstanceUID). Attributes that
/// must agree across the files (matrix, spacing, orientation) are null when they do not (a problem says so).
/// </summary>
public sealed record DicomSeriesRecord
{
    public required string PatientId { get; init; }

    public required string StudyInstanceUid { get; init; }

    public required string SeriesInstanceUid { get; init; }

    public int? SeriesNumber { get; init; }

    public string SeriesDescription { get; init; } = "";

    public string Modality { get; init; } = "";

    public string Manufacturer { get; init; } = "";

    public string ManufacturerModelName { get; init; } = "";

    /// <summary>As written in the first file (tesla, or gauss on some old GE headers).</summary>
    public double? MagneticFieldStrength { get; init; }

    /// <summary>Normalised to tesla (values above 100 taken as gauss).</summary>
    public double? MagneticFieldStrengthTesla { get; init; }

    public string SopClassUid { get; init; } = "";

    /// <summary>The kind of the series' objects (the first file's, when they differ).</summary>
    public DicomObjectKind ObjectKind { get; init; }

    /// <summary>False for SR, PR, KO, SEG and other non-image series: leave them out of image analysis.</summary>
    public bool IsImageSeries => ObjectKind == DicomObjectKind.Image;

    /// <summary>Distinct Temporal Position Identifier (0020,0100) values, ascending; empty when none is written.</summary>
    public IReadOnlyList<int> TemporalPositions { get; init; } = [];

    /// <summary>Distinct Trigger Time (0018,1060) values in ms, ascending; the fallback for splitting phases.</summary>
    public IReadOnlyList<double> TriggerTimes { get; init; } = [];

    public int? Rows { get; init; }

    public int? Columns { get; init; }

    public PixelSpacing? PixelSpacing { get; init; }

    public double? SliceThickness { get; init; }

    public ImageOrientation? Orientation { get; init; }

    /// <summary>Distinct slice positions along the normal (to 0.01 mm): slices per phase of a multi-phase series.</summary>
    public int SliceCount { get; init; }

    /// <summary>Files (instances) in the series.</summary>
    public int InstanceCount { get; init; }

    public IReadOnlyList<string> TransferSyntaxUids { get; init; } = [];

    /// <summary>
    /// Paths sorted by temporal position, then position along the slice normal, then Instance Number, then path.
    /// </summary>
    public IReadOnlyList<string> FilePaths { get; init; } = [];

    public long TotalBytes { get; init; }
}
