using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Radiomics;
using Radiogenomics.Imaging.Tests.Support;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Radiomics;

/// <summary>
/// The IBSI chapter 1 digital phantom (golden/ibsi: the NIfTI image and mask from theibsi/data_sets and the
/// manual's 482 reference values). A value matches when it lies within the manual's tolerance, or, where the
/// manual gives none (tolerance 0), when it equals the reference rounded to 3 significant digits.
/// </summary>
public class IbsiPhantomTests(ITestOutputHelper output)
{
    internal static ImageVolume PhantomImage() => NiftiReader.Read(GoldenFiles.Path("ibsi/phantom.nii.gz"));

    internal static ImageVolume PhantomMask() => NiftiReader.Read(GoldenFiles.Path("ibsi/mask.nii.gz"));

    /// <summary>
    /// The reference uses the grey levels as stored: the default settings (no resampling or re-segmentation,
    /// fixed bin size 1 from the ROI minimum, 1) keep them.
    /// </summary>
    internal static IReadOnlyList<RadiomicsFeature> PhantomFeatures() =>
        RadiomicsExtractor.Extract(PhantomImage(), PhantomMask(), label: 1, new RadiomicsSettings());

    [Fact]
    public void EveryReferenceValue_IsMatched_CountPerFamily()
    {
        var computed = PhantomFeatures().ToDictionary(f => (f.Family, f.Name, f.Aggregation));
        var reference = IbsiReference.Read(GoldenFiles.Path("ibsi/reference_values_phantom.csv"));
        Assert.Equal(482, reference.Count);

        var failures = new List<string>();
        foreach (var family in reference.GroupBy(r => r.Family))
        {
            int matched = 0;
            foreach (var r in family)
            {
                if (!computed.TryGetValue((r.Family, r.Feature, r.Aggregation), out var f))
                {
                    failures.Add($"{r.Family} / {r.Feature} [{r.Aggregation}]: not computed");
                    continue;
                }
                if (r.Matches(f.Value)) matched++;
                else failures.Add(FormattableString.Invariant($"{r.Family} / {r.Feature} [{r.Aggregation}]: {f.Value:G6}, reference {r.Value} ± {r.Tolerance}"));
            }
            output.WriteLine($"{family.Key}: {matched} of {family.Count()} within tolerance");
        }
        foreach (var failure in failures) output.WriteLine(failure);
        Assert.True(failures.Count == 0, $"{failures.Count} reference values missed:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void FixedBinNumber6_GivesTheSameTextureAsTheStoredLevels()
    {
        var stored = PhantomFeatures().Where(f => f.Family == GlcmFeatures.Family).ToList();
        var fbn = RadiomicsExtractor.Extract(PhantomImage(), PhantomMask(), null,
            new RadiomicsSettings { Discretisation = DiscretisationMethod.FixedBinNumber, BinCount = 6, Families = new HashSet<string> { GlcmFeatures.Family } });
        Assert.Equal(stored.Select(f => f.Value), fbn.Select(f => f.Value));
    }

    [Fact]
    public void ReferenceComparison_CanFail()
    {
        var row = new IbsiReference("GLCM", "Contrast", "3D merged", 5.28, 0);
        Assert.True(row.Matches(5.2849));
        Assert.False(row.Matches(5.2851));
        var morph = new IbsiReference("morphology", "Volume (mesh)", "3D", 556, 4);
        Assert.True(morph.Matches(559.9));
        Assert.False(morph.Matches(560.1));
    }
}
