namespace Radiogenomics.Synthetic;

/// <summary>
/// One scanner type of the cohort's mix: DICOM identity, share of patients, and how it changes the image
/// (arbitrary intensity scale, noise, B1/receive-coil inhomogeneity) and the sequence parameters a DICOM writer records.
/// Intensity differences between vendors and field strengths are deliberate nuisance variation: they carry no biology.
/// </summary>
/// <param name="Manufacturer">DICOM Manufacturer (0008,0070).</param>
/// <param name="ModelName">DICOM ManufacturerModelName (0008,1090).</param>
/// <param name="MagneticFieldStrength">DICOM MagneticFieldStrength (0018,0087), tesla.</param>
/// <param name="Proportion">Relative share of patients scanned on this type (normalised over the mix).</param>
/// <param name="IntensityScale">Multiplies every signal (vendors scale magnitude images differently).</param>
/// <param name="NoiseSigma">σ of the complex Gaussian noise before the magnitude, in the same units as the tissue signals (fibroglandular tissue ≈ 380).</param>
/// <param name="BiasFieldStrength">Amplitude of the smooth multiplicative bias field (log scale); stronger at 3 T.</param>
/// <param name="RepetitionTimeMs">DICOM RepetitionTime (0018,0080).</param>
/// <param name="EchoTimeMs">DICOM EchoTime (0018,0081).</param>
/// <param name="FlipAngleDegrees">DICOM FlipAngle (0018,1314).</param>
/// <param name="SeriesDescription">SeriesDescription of the dynamic series as this vendor names it.</param>
public sealed record ScannerProfile(
    string Manufacturer, string ModelName, double MagneticFieldStrength, double Proportion,
    double IntensityScale, double NoiseSigma, double BiasFieldStrength,
    double RepetitionTimeMs, double EchoTimeMs, double FlipAngleDegrees, string SeriesDescription)
{
    /// <summary>GE 1.5 T dominates, as in TCGA-BRCA's DCE-MRI; the other three cells give the scanner confounding something to work with.</summary>
    public static IReadOnlyList<ScannerProfile> DefaultMix { get; } =
    [
        new("GE MEDICAL SYSTEMS", "SIGNA EXCITE", 1.5, 0.70, 1.00, 11.0, 0.25, 6.2, 2.9, 10, "SAG VIBRANT MULTIPHASE"),
        new("GE MEDICAL SYSTEMS", "DISCOVERY MR750", 3.0, 0.08, 1.15, 7.0, 0.45, 4.9, 2.1, 12, "SAG VIBRANT MULTIPHASE"),
        new("SIEMENS", "Avanto", 1.5, 0.17, 0.75, 9.0, 0.25, 4.6, 1.7, 10, "t1_fl3d_sag_dynamic"),
        new("SIEMENS", "TrioTim", 3.0, 0.05, 0.85, 6.0, 0.45, 4.1, 1.6, 12, "t1_fl3d_sag_dynamic"),
    ];
}
