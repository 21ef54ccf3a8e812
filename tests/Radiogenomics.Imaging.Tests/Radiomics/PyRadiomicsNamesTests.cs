using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Radiomics;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Radiomics;

public class PyRadiomicsNamesTests
{
    [Fact]
    public void PhantomFeatures_UnderPyRadiomicsKeys_WithItsDefinitions()
    {
        var ibsi = IbsiPhantomTests.PhantomFeatures();
        var py = PyRadiomicsNames.Convert(ibsi, voxelVolume: 8).ToDictionary(k => k.Key, k => k.Value);
        // PyRadiomics' 107 default features less shape Maximum2DDiameter{Slice,Column,Row} and glcm MCC.
        Assert.Equal(103, py.Count);
        Assert.Equal(18, py.Keys.Count(k => k.StartsWith("original_firstorder_")));
        double Ibsi(string family, string name, string aggregation) => ibsi.Single(f => f.Family == family && f.Name == name && f.Aggregation == aggregation).Value;

        Assert.Equal(Ibsi("intensity-based statistics", "(Excess) intensity kurtosis", "3D") + 3, py["original_firstorder_Kurtosis"], 12);
        Assert.Equal(567 * 8, py["original_firstorder_TotalEnergy"], 9);
        Assert.Equal(Ibsi("GLCM", "Contrast", "3D averaged"), py["original_glcm_Contrast"]);
        Assert.Equal(Ibsi("GLCM", "Joint maximum", "3D averaged"), py["original_glcm_MaximumProbability"]);
        Assert.Equal(Ibsi("NGLDM", "Low dependence emphasis", "3D"), py["original_gldm_SmallDependenceEmphasis"]);
        Assert.Equal(Ibsi("GLSZM", "Small zone emphasis", "3D"), py["original_glszm_SmallAreaEmphasis"]);
        Assert.Equal(Ibsi("morphology", "Volume (mesh)", "3D"), py["original_shape_MeshVolume"]);

        var wavelet = PyRadiomicsNames.Convert(ibsi, 8, "wavelet-LLH");
        Assert.DoesNotContain(wavelet, k => k.Key.Contains("_shape_"));
        Assert.Contains(wavelet, k => k.Key == "wavelet-LLH_glcm_Contrast");
    }

    [Fact]
    public void IbsiKeys_AreUniqueSnakeCase()
    {
        var keys = IbsiPhantomTests.PhantomFeatures().Select(PyRadiomicsNames.IbsiKey).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Contains("glcm_joint_maximum_3d_averaged", keys);
        Assert.Contains("glcm_contrast_2_5d_direction_merged", keys);
        Assert.Contains("ivh_volume_at_10pct_intensity_fraction_v10_3d", keys);
        Assert.All(keys, k => Assert.Matches("^[a-z0-9_]+$", k));
    }
}
