namespace Radiogenomics.Synthetic;

/// <summary>Everything about one synthetic patient except the image voxels and the counts: identifiers, acquisition, latent truth, clinical data.</summary>
public sealed record PatientRecord
{
    /// <summary>0-based position in the cohort; the key of all the patient's random streams.</summary>
    public required int Index { get; init; }

    /// <summary>TCGA participant barcode, e.g. "TCGA-BH-A0X3" (= DICOM PatientID = GDC case submitter_id).</summary>
    public required string PatientId { get; init; }

    /// <summary>Sample barcode, e.g. "TCGA-BH-A0X3-01A" (primary tumour, vial A).</summary>
    public required string SampleId { get; init; }

    /// <summary>RNA aliquot barcode, e.g. "TCGA-BH-A0X3-01A-11R-A12P-07".</summary>
    public required string AliquotId { get; init; }

    /// <summary>GDC case UUID.</summary>
    public required string CaseUuid { get; init; }

    /// <summary>GDC file UUID of the STAR-counts file.</summary>
    public required string CountsFileUuid { get; init; }

    public required ScannerProfile Scanner { get; init; }
    public required SeriesLayout Layout { get; init; }
    public required Laterality Laterality { get; init; }
    public required int PostContrastPhases { get; init; }
    public required double TemporalResolutionSeconds { get; init; }
    public required int Slices { get; init; }
    public required double PixelSpacingMm { get; init; }
    public required double SliceThicknessMm { get; init; }

    /// <summary>Gene-assigned reads expected for this sample (the NB means sum to about this).</summary>
    public required double LibrarySize { get; init; }

    public required BreastDensity Density { get; init; }
    public required PatientLatents Latents { get; init; }
    public required TumourPhenotype Tumour { get; init; }

    /// <summary>True clinical values (no NA).</summary>
    public required ClinicalRecord TrueClinical { get; init; }

    /// <summary>Clinical values as published, with NA (null) and HER2 "Equivocal".</summary>
    public required ClinicalRecord Clinical { get; init; }

    public required SurvivalRecord Survival { get; init; }

    /// <summary>
    /// The clinical table's null label ("Positive" / "Negative"): a coin with P(positive) 0.4
    /// from its own stream, independent of the latent biology, the images and every other column — a label no image carries.
    /// </summary>
    public required string NullLabel { get; init; }

    /// <summary>Acquisition times of every phase, seconds after injection: 0 for pre-contrast, then k × temporal resolution.</summary>
    public IReadOnlyList<double> PhaseTimesSeconds =>
        Enumerable.Range(0, PostContrastPhases + 1).Select(k => k * TemporalResolutionSeconds).ToArray();
}
