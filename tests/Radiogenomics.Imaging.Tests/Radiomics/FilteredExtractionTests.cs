using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Radiomics;
using Radiogenomics.Imaging.Radiomics.Filters;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Radiomics;

public class FilteredExtractionTests
{
    [Fact]
    public void Original_IsTheUnfilteredExtraction_AndFilteredImagesUseTheSameMasks()
    {
        var image = IbsiPhantomTests.PhantomImage();
        var mask = IbsiPhantomTests.PhantomMask();
        var settings = new RadiomicsSettings();
        var types = new[] { RadiomicsImageType.Original, new RadiomicsImageType(ImageTypeKind.Wavelet) { Wavelet = "haar" }, RadiomicsImageType.LoG(2.0) };
        var all = RadiomicsExtractor.Extract(image, mask, 1, settings, types);
        Assert.Equal(["original", "wavelet-LLH", "wavelet-LHL", "wavelet-LHH", "wavelet-HLL", "wavelet-HLH", "wavelet-HHL", "wavelet-HHH", "wavelet-LLL", "log-sigma-2-0-mm-3D"],
            all.Select(f => f.ImageType));
        Assert.Equal(RadiomicsExtractor.Extract(image, mask, 1, settings).Select(f => f.Value), all[0].Features.Select(f => f.Value));
        Assert.Equal(74, all[0].RoiVoxels);

        // wavelet-HLH directly: the filtered phantom under the phantom's mask, morphology left out.
        var hlh = UndecimatedWavelet.Decompose(image, "haar").Single(b => b.Combination == "HLH").Image;
        var direct = RadiomicsExtractor.Extract(hlh, mask, 1, settings with { Families = RadiomicsExtractor.AllFamilies.Skip(1).ToHashSet() });
        Assert.Equal(direct.Select(f => (f.Family, f.Name, f.Aggregation, f.Value)), all[5].Features.Select(f => (f.Family, f.Name, f.Aggregation, f.Value)));
        Assert.DoesNotContain(all[5].Features, f => f.Family == MorphologyFeatures.Family);

        var log = PyRadiomicsNames.Convert(all[9].Features, 8, all[9].ImageType).ToDictionary(k => k.Key, k => k.Value);
        Assert.Contains("log-sigma-2-0-mm-3D_glszm_ZoneEntropy", log.Keys);
        Assert.DoesNotContain(log.Keys, k => k.Contains("_shape_"));
        var llh = PyRadiomicsNames.Convert(all[1].Features, 8, all[1].ImageType).ToDictionary(k => k.Key, k => k.Value);
        var llhImage = UndecimatedWavelet.Decompose(image, "haar")[0].Image;
        double mean = Enumerable.Range(0, mask.Voxels.Length).Where(v => mask.Voxels[v] == 1).Average(v => (double)llhImage.Voxels[v]);
        Assert.Equal(mean, llh["wavelet-LLH_firstorder_Mean"], 5);
    }

    [Fact]
    public void VoxelArrayShift_ShiftsEnergyAndRms_AsPyRadiomics()
    {
        var image = IbsiPhantomTests.PhantomImage();
        var mask = IbsiPhantomTests.PhantomMask();
        var features = RadiomicsExtractor.Extract(image, mask, 1, new RadiomicsSettings(), [RadiomicsImageType.Original])[0];
        var keys = PyRadiomicsNames.Convert(features.Features, 8, "original", voxelArrayShift: 1000, roiVoxels: features.RoiVoxels).ToDictionary(k => k.Key, k => k.Value);
        var roi = Enumerable.Range(0, mask.Voxels.Length).Where(v => mask.Voxels[v] == 1).Select(v => image.Voxels[v] + 1000.0).ToArray();
        double energy = roi.Sum(x => x * x);
        Assert.Equal(energy, keys["original_firstorder_Energy"], 6);
        Assert.Equal(energy * 8, keys["original_firstorder_TotalEnergy"], 5);
        Assert.Equal(Math.Sqrt(energy / roi.Length), keys["original_firstorder_RootMeanSquared"], 9);
    }
}
