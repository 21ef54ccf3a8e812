namespace Radiogenomics.Synthetic;

/// <summary>Keys that separate the random streams of one patient (and the cohort-wide ones), so changing how one part draws never shifts another.</summary>
internal static class StreamPurpose
{
    public const ulong CohortLevel = 0xC0C0C0C0UL;   // patient key for streams shared by the whole cohort
    public const ulong GeneCatalogue = 1;
    public const ulong GeneSets = 2;
    public const ulong SignatureGenes = 3;
    public const ulong Identity = 10;
    public const ulong Acquisition = 11;
    public const ulong Biology = 12;
    public const ulong ClinicalObservation = 13;
    public const ulong Survival = 14;
    public const ulong NullLabel = 15;
    public const ulong Anatomy = 20;
    public const ulong Tumour = 21;
    public const ulong Vessels = 22;
    public const ulong AnatomyNoise = 23;
    public const ulong ImageNoise = 24;
    public const ulong Counts = 30;
    public const ulong StrandSplit = 31;
    public const ulong ReadSummary = 32;
    public const ulong SignatureGeneCounts = 33;

    /// <summary>Key of patient <paramref name="index"/> (offset so it never equals <see cref="CohortLevel"/>).</summary>
    public static ulong Patient(int index) => 0x100000000UL + (ulong)index;
}
