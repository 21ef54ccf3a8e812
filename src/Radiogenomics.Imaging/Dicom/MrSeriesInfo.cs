namespace Radiogenomics.Imaging.Dicom;

/// <summary>
/// Who and what an MR series is: identifiers and acquisition attributes written into every file of it by
/// <see cref="MrSeriesWriter"/>. Defaults describe a GE-style bilateral axial 3D spoiled-gradient-echo DCE
/// acquisition; times are in ms, angles in degrees, field strength in tesla.
/// </summary>
public sealed record MrSeriesInfo
{
    public required string PatientId { get; init; }

    /// <summary>DICOM PN, e.g. "SYNTHETIC^0001"; empty is allowed (type 2).</summary>
    public string PatientName { get; init; } = "";

    /// <summary>M, F, O or empty.</summary>
    public string PatientSex { get; init; } = "";

    public DateOnly? PatientBirthDate { get; init; }

    public required string StudyInstanceUid { get; init; }

    public string StudyId { get; init; } = "";

    public DateOnly? StudyDate { get; init; }

    public TimeSpan? StudyTime { get; init; }

    public string StudyDescription { get; init; } = "";

    public string AccessionNumber { get; init; } = "";

    public required string SeriesInstanceUid { get; init; }

    public int SeriesNumber { get; init; } = 1;

    public string SeriesDescription { get; init; } = "";

    /// <summary>Null: derived from the study UID, so all series of a study share one frame of reference.</summary>
    public string? FrameOfReferenceUid { get; init; }

    public string Manufacturer { get; init; } = "";

    public string ManufacturerModelName { get; init; } = "";

    public double? MagneticFieldStrength { get; init; }

    public string BodyPartExamined { get; init; } = "BREAST";

    /// <summary>Breast MRI is acquired prone: HFP or FFP.</summary>
    public string PatientPosition { get; init; } = "HFP";

    /// <summary>Image Type (0008,0008) values.</summary>
    public IReadOnlyList<string> ImageType { get; init; } = ["ORIGINAL", "PRIMARY", "OTHER"];

    /// <summary>(0018,0020), e.g. GR (gradient recalled), SE, IR.</summary>
    public string ScanningSequence { get; init; } = "GR";

    /// <summary>(0018,0021), e.g. SP (spoiled), SS; NONE when none.</summary>
    public string SequenceVariant { get; init; } = "SP";

    public string ScanOptions { get; init; } = "";

    /// <summary>2D or 3D.</summary>
    public string MrAcquisitionType { get; init; } = "3D";

    public string SequenceName { get; init; } = "";

    public double? EchoTime { get; init; }

    public double? RepetitionTime { get; init; }

    public double? InversionTime { get; init; }

    public double? FlipAngle { get; init; }

    public int? EchoTrainLength { get; init; }

    /// <summary>(0018,0010), e.g. "GADOLINIUM"; written only when set.</summary>
    public string ContrastBolusAgent { get; init; } = "";

    /// <summary>(0020,0105); null: the number of phases when more than one is written.</summary>
    public int? NumberOfTemporalPositions { get; init; }

    /// <summary>(0018,0050) in mm; null: the geometry's slice spacing.</summary>
    public double? SliceThickness { get; init; }

    /// <summary>
    /// Image Position (Patient) of each slice, written instead of the grid's (uneven or gantry-tilted stacks, as
    /// readers meet them); null: the volume geometry's positions.
    /// </summary>
    public IReadOnlyList<Vector3D>? SlicePositions { get; init; }
}
