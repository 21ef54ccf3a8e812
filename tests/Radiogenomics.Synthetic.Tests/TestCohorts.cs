namespace Radiogenomics.Synthetic.Tests;

/// <summary>Cohorts shared by the tests (generation is deterministic, so sharing cannot couple tests).</summary>
internal static class TestCohorts
{
    private static readonly Lazy<SyntheticCohort> SmallCohort = new(() => SyntheticCohort.Generate(CohortSpec.Small));
    private static readonly Lazy<SyntheticCohort> DefaultCohort = new(() => SyntheticCohort.Generate(CohortSpec.Default));
    private static readonly Lazy<PatientImaging[]> SmallImaging = new(() =>
    {
        var cohort = Small;
        var result = new PatientImaging[4];
        Parallel.For(0, result.Length, i => result[i] = cohort.GenerateImaging(i));
        return result;
    });

    public static SyntheticCohort Small => SmallCohort.Value;

    /// <summary>110 patients, no images (omics and clinical only: fast).</summary>
    public static SyntheticCohort Default => DefaultCohort.Value;

    /// <summary>Imaging of the first four patients of the small cohort.</summary>
    public static IReadOnlyList<PatientImaging> Imaging => SmallImaging.Value;
}
