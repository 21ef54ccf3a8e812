using System.Security.Cryptography;

namespace Radiogenomics.Synthetic.Tests;

public class DeterminismTests
{
    [Fact]
    public void SameSpecGivesIdenticalCohorts()
    {
        var a = SyntheticCohort.Generate(CohortSpec.Small);
        var b = TestCohorts.Small;
        Assert.Equal(a.Counts.Sample(0).ToArray(), b.Counts.Sample(0).ToArray());
        for (int s = 0; s < a.Counts.SampleCount; s++) Assert.True(a.Counts.Sample(s).SequenceEqual(b.Counts.Sample(s)));
        Assert.Equal(a.Genes.Genes, b.Genes.Genes);
        Assert.Equal(a.Truth.Entries, b.Truth.Entries);
        Assert.Equal(a.GeneSets.Select(s => s.Name + string.Join(',', s.Symbols)), b.GeneSets.Select(s => s.Name + string.Join(',', s.Symbols)));
        for (int i = 0; i < a.Patients.Count; i++) AssertSamePatient(a.Patients[i], b.Patients[i]);
    }

    [Fact]
    public void PatientsDoNotDependOnCohortSize()
    {
        var small = TestCohorts.Small;
        var large = TestCohorts.Default;
        Assert.Equal(small.Genes.Genes, large.Genes.Genes);
        for (int i = 0; i < small.Patients.Count; i++)
        {
            AssertSamePatient(small.Patients[i], large.Patients[i]);
            AssertSamePatient(small.Patients[i], SyntheticCohort.GeneratePatient(CohortSpec.Default, i));
            Assert.True(small.Counts.Sample(i).SequenceEqual(large.Counts.Sample(i)), $"counts of patient {i} differ");
        }
    }

    [Fact]
    public void ImagingIsIdenticalAcrossCohortSizesAndRuns()
    {
        const int index = 3;
        var a = TestCohorts.Imaging[index];
        var b = TestCohorts.Default.GenerateImaging(index);
        Assert.Equal(a.Geometry, b.Geometry);
        Assert.Equal(a.Phases.Count, b.Phases.Count);
        for (int p = 0; p < a.Phases.Count; p++)
        {
            Assert.Equal(a.Phases[p].TriggerTimeSeconds, b.Phases[p].TriggerTimeSeconds);
            Assert.True(a.Phases[p].Image.Voxels.AsSpan().SequenceEqual(b.Phases[p].Image.Voxels), $"phase {p} differs");
        }
        Assert.True(a.TumourMask.Voxels.AsSpan().SequenceEqual(b.TumourMask.Voxels));
        Assert.True(a.TissueLabels.Voxels.AsSpan().SequenceEqual(b.TissueLabels.Voxels));
    }

    [Fact]
    public void AnotherSeedGivesAnotherCohort()
    {
        var other = SyntheticCohort.Generate(CohortSpec.Small with { Seed = CohortSpec.Small.Seed + 1, GeneCount = 3000 });
        Assert.NotEqual(TestCohorts.Small.Patients[0].PatientId, other.Patients[0].PatientId);
        Assert.NotEqual(TestCohorts.Small.Patients[0].Tumour.DiameterMm, other.Patients[0].Tumour.DiameterMm);
    }

    [Fact]
    public void WrittenFilesAreByteIdentical()
    {
        string root = Path.Combine(Path.GetTempPath(), "rg-synthetic-tests", "determinism-" + Environment.ProcessId);
        try
        {
            var first = CohortFileWriter.WriteNonImaging(TestCohorts.Small, Path.Combine(root, "a"));
            var second = CohortFileWriter.WriteNonImaging(SyntheticCohort.Generate(CohortSpec.Small), Path.Combine(root, "b"));
            Assert.Equal(first.Count, second.Count);
            for (int i = 0; i < first.Count; i++) Assert.Equal(Hash(first[i]), Hash(second[i]));
            // Masks are written by fetch.synthetic through Imaging's NIfTI writer (tested there); their voxels are the cohort's.
            var again = SyntheticCohort.Generate(CohortSpec.Small).GenerateImaging(0);
            Assert.Equal(TestCohorts.Imaging[0].TumourMask.Voxels, again.TumourMask.Voxels);
            Assert.Equal(TestCohorts.Imaging[0].TissueLabels.Voxels, again.TissueLabels.Voxels);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    internal static void AssertSamePatient(PatientRecord a, PatientRecord b)
    {
        Assert.Equal(a.PatientId, b.PatientId);
        Assert.Equal(a.AliquotId, b.AliquotId);
        Assert.Equal(a.CountsFileUuid, b.CountsFileUuid);
        Assert.Equal(a.Scanner, b.Scanner);
        Assert.Equal(a.Slices, b.Slices);
        Assert.Equal(a.PixelSpacingMm, b.PixelSpacingMm);
        Assert.Equal(a.LibrarySize, b.LibrarySize);
        Assert.Equal(a.Latents.ProgramActivities, b.Latents.ProgramActivities);
        Assert.Equal(a.Tumour.Scores, b.Tumour.Scores);
        Assert.Equal(a.Tumour with { Scores = Array.Empty<double>() }, b.Tumour with { Scores = Array.Empty<double>() });
        Assert.Equal(a.TrueClinical, b.TrueClinical);
        Assert.Equal(a.Clinical, b.Clinical);
        Assert.Equal(a.Survival, b.Survival);
    }
}
