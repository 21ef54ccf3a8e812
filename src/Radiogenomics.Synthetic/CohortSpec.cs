namespace Radiogenomics.Synthetic;

/// <summary>
/// Everything that defines a synthetic breast DCE-MRI + tumour RNA-seq cohort. Defaults mirror the seed cohort
/// (Liu &amp; Hu 2023: 110 TCGA-BRCA patients, GE 1.5 T DCE-MRI, GDC STAR counts). Same spec ⇒ same cohort, byte for byte;
/// patient <c>i</c> depends only on the seed and the per-patient parameters, never on <see cref="PatientCount"/>.
/// </summary>
public sealed record CohortSpec
{
    // Shared instance, so specs that keep the default compare equal (records compare lists by reference).
    // Declared before Default and Small: static initialisers run in textual order.
    private static readonly double[] DefaultNodeStageProportions = [0.48, 0.33, 0.11, 0.08];

    /// <summary>The seed cohort's size: 110 patients.</summary>
    public static CohortSpec Default { get; } = new();

    /// <summary>12 patients with otherwise identical settings (patients 0–11 equal those of <see cref="Default"/>).</summary>
    public static CohortSpec Small { get; } = new() { PatientCount = 12 };

    public ulong Seed { get; init; } = 2023;
    public int PatientCount { get; init; } = 110;

    // ---- Imaging ---------------------------------------------------------------------------------
    public int Rows { get; init; } = 256;
    public int Columns { get; init; } = 256;
    public int MinSlices { get; init; } = 30;
    public int MaxSlices { get; init; } = 60;

    /// <summary>Square field of view, mm, drawn in 10 mm steps; pixel spacing = FOV / Columns (160–200 mm → 0.625–0.78 mm at 256²).</summary>
    public double MinFieldOfViewMm { get; init; } = 160;
    public double MaxFieldOfViewMm { get; init; } = 200;

    /// <summary>Slice thickness = spacing (contiguous slices), drawn in 0.1 mm steps.</summary>
    public double MinSliceThicknessMm { get; init; } = 2.0;
    public double MaxSliceThicknessMm { get; init; } = 3.0;

    /// <summary>Post-contrast phases per patient (plus one pre-contrast), uniform on [min, max]; at most 8.</summary>
    public int MinPostContrastPhases { get; init; } = 2;
    public int MaxPostContrastPhases { get; init; } = 4;

    /// <summary>Seconds between phases (post-contrast phase k is acquired at k × this after injection).</summary>
    public double MinTemporalResolutionSeconds { get; init; } = 60;
    public double MaxTemporalResolutionSeconds { get; init; } = 120;

    public IReadOnlyList<ScannerProfile> Scanners { get; init; } = ScannerProfile.DefaultMix;

    /// <summary>Share of patients whose whole dynamic is one DICOM series (the rest: one series per phase).</summary>
    public double SingleSeriesFraction { get; init; } = 0.8;

    // ---- Omics -----------------------------------------------------------------------------------
    /// <summary>Genes of the seed catalogue (including two <c>_PAR_Y</c> rows); the expression tables add the genefu
    /// signature genes it lacks (1,039 for the default catalogue) after them.</summary>
    public int GeneCount { get; init; } = 20000;

    /// <summary>Median gene-assigned read count per sample; log-normal across samples.</summary>
    public double MedianLibrarySize { get; init; } = 4.0e7;
    public double LibrarySizeLogSd { get; init; } = 0.35;

    /// <summary>Random gene sets of null genes; with the 7 driver pathways and the partial ones the GMT has 182 sets, like the seed study's KEGG set.</summary>
    public int NullPathwayCount { get; init; } = 165;

    /// <summary>Gene sets that mix a minority of one programme's genes into null genes (weak, diluted signal).</summary>
    public int PartialPathwayCount { get; init; } = 10;

    // ---- Clinical --------------------------------------------------------------------------------
    /// <summary>Probability that each of ER, PR, HER2, T and N is missing (NA) for a patient, independently.</summary>
    public double ClinicalMissingFraction { get; init; } = 0.05;

    public double ErPositiveFraction { get; init; } = 0.77;
    public double PrPositiveFraction { get; init; } = 0.66;
    public double Her2AmplifiedFraction { get; init; } = 0.15;

    /// <summary>N0, N1, N2, N3 proportions.</summary>
    public IReadOnlyList<double> NodeStageProportions { get; init; } = DefaultNodeStageProportions;

    /// <summary>Overall survival at 5 years for a patient with linear predictor 0 (Weibull baseline, shape <see cref="BaselineWeibullShape"/>).</summary>
    public double BaselineFiveYearSurvival { get; init; } = 0.85;
    public double BaselineWeibullShape { get; init; } = 1.2;

    /// <summary>Follow-up (censoring) time is uniform on [30, this] days.</summary>
    public double MaxFollowUpDays { get; init; } = 4000;

    public EffectSizes Effects { get; init; } = EffectSizes.Default;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent parameter.</summary>
    public void Validate()
    {
        void Require(bool ok, string message) { if (!ok) throw new ArgumentException($"CohortSpec: {message}"); }
        Require(PatientCount >= 1, $"PatientCount must be ≥ 1 (got {PatientCount}).");
        Require(Rows >= 64 && Columns >= 64, $"Rows and Columns must be ≥ 64 (got {Rows}×{Columns}).");
        Require(MinSlices >= 8 && MaxSlices >= MinSlices, $"need 8 ≤ MinSlices ≤ MaxSlices (got {MinSlices}–{MaxSlices}).");
        Require(MinFieldOfViewMm >= 100 && MaxFieldOfViewMm >= MinFieldOfViewMm && MaxFieldOfViewMm <= 400, $"field of view must lie in 100–400 mm with min ≤ max (got {MinFieldOfViewMm}–{MaxFieldOfViewMm}).");
        Require(MinSliceThicknessMm > 0.3 && MaxSliceThicknessMm >= MinSliceThicknessMm && MaxSliceThicknessMm <= 8, $"slice thickness must lie in 0.3–8 mm with min ≤ max (got {MinSliceThicknessMm}–{MaxSliceThicknessMm}).");
        Require(MinPostContrastPhases >= 1 && MaxPostContrastPhases >= MinPostContrastPhases && MaxPostContrastPhases <= 8, $"need 1 ≤ MinPostContrastPhases ≤ MaxPostContrastPhases ≤ 8 (got {MinPostContrastPhases}–{MaxPostContrastPhases}).");
        Require(MinTemporalResolutionSeconds > 0 && MaxTemporalResolutionSeconds >= MinTemporalResolutionSeconds, "temporal resolution range is invalid.");
        Require(Scanners is { Count: > 0 } && Scanners.All(s => s.Proportion >= 0) && Scanners.Sum(s => s.Proportion) > 0, "Scanners needs at least one profile with positive proportion.");
        Require(SingleSeriesFraction is >= 0 and <= 1, "SingleSeriesFraction must lie in [0, 1].");
        Require(GeneCount >= 2000, $"GeneCount must be ≥ 2000 to hold the driver genes and null sets (got {GeneCount}).");
        Require(MedianLibrarySize >= 1e4 && LibrarySizeLogSd >= 0, "library size parameters are invalid.");
        Require(NullPathwayCount >= 0 && PartialPathwayCount >= 0, "pathway counts must be ≥ 0.");
        Require(ClinicalMissingFraction is >= 0 and < 1, "ClinicalMissingFraction must lie in [0, 1).");
        Require(ErPositiveFraction is > 0 and < 1 && PrPositiveFraction is > 0 and < 1 && Her2AmplifiedFraction is > 0 and < 1, "receptor prevalences must lie in (0, 1).");
        Require(NodeStageProportions is { Count: 4 } && NodeStageProportions.All(p => p > 0), "NodeStageProportions needs four positive values (N0–N3).");
        Require(BaselineFiveYearSurvival is > 0 and < 1 && BaselineWeibullShape > 0 && MaxFollowUpDays > 30, "survival parameters are invalid.");
        Require(Effects is not null, "Effects is null.");
        Require(Effects!.MinGeneLoading > 0 && Effects.MaxGeneLoading >= Effects.MinGeneLoading, "gene loading range is invalid.");
    }
}
