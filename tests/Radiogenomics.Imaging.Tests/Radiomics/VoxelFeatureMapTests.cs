using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Radiomics;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Radiomics;

public class VoxelFeatureMapTests
{
    /// <summary>A 13×11×9 image of integer intensities 0–99 with an irregular (ellipsoid minus a notch) region.</summary>
    private static (ImageVolume Image, ImageVolume Region) Case()
    {
        var g = new VolumeGeometry { Columns = 13, Rows = 11, Slices = 9, ColumnSpacing = 0.9, RowSpacing = 1.1, SliceSpacing = 2 };
        var random = new Random(14);
        var image = new float[g.VoxelCount];
        var region = new float[g.VoxelCount];
        for (int z = 0; z < g.Slices; z++)
        for (int y = 0; y < g.Rows; y++)
        for (int x = 0; x < g.Columns; x++)
        {
            int v = g.Index(x, y, z);
            image[v] = random.Next(0, 100) + (x > 6 ? 40 : 0);
            double e = Math.Pow((x - 6) / 5.5, 2) + Math.Pow((y - 5) / 4.5, 2) + Math.Pow((z - 4) / 3.5, 2);
            region[v] = e <= 1 && !(x > 8 && y < 4) ? 1 : 0;
        }
        return (new ImageVolume(g, image), new ImageVolume(g, region));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SummedTables_EqualEachKernelComputedDirectly(int radius)
    {
        var (image, region) = Case();
        var settings = new RadiomicsSettings { BinWidth = 10, BinEdges = BinEdgeRule.PyRadiomics };
        var voxel = new PyRadiomicsVoxelSettings(radius, InitValue: -1);
        var features = VoxelFeatureMaps.Fast.ToList();
        var fast = VoxelFeatureMaps.Compute(image, region, settings, voxel, features, voxelArrayShift: 300);
        var direct = VoxelFeatureMaps.Compute(image, region, settings, voxel, features, voxelArrayShift: 300, useFastPath: false);
        foreach (var f in features)
            for (int v = 0; v < region.Voxels.Length; v++)
            {
                float a = fast[f].Voxels[v], b = direct[f].Voxels[v];
                if (region.Voxels[v] == 0) Assert.Equal(-1f, a);
                Assert.True(Math.Abs(a - b) <= 2e-6 * Math.Max(1, Math.Abs(b)), $"{f} at voxel {v}: summed tables {a}, direct {b}");
            }
    }

    [Fact]
    public void TextureMaps_AreTheFeatureOfEachKernelsSubRoi()
    {
        var (image, region) = Case();
        // A fixed lower bound makes each kernel's own discretisation give the ROI's levels.
        var settings = new RadiomicsSettings { BinWidth = 25, ResegmentationRange = (0, null) };
        string[] features = ["glcm_Contrast", "glrlm_RunEntropy", "firstorder_Median", "ngtdm_Coarseness"];
        var maps = VoxelFeatureMaps.Compute(image, region, settings, new PyRadiomicsVoxelSettings(1), features);
        var g = image.Geometry;
        int checkedVoxels = 0;
        for (int z = 0; z < g.Slices; z++)
        for (int y = 0; y < g.Rows; y++)
        for (int x = 0; x < g.Columns; x++)
        {
            int v = g.Index(x, y, z);
            if (region.Voxels[v] == 0) { Assert.All(features, f => Assert.Equal(0f, maps[f].Voxels[v])); continue; }
            var box = new SubVolume(Math.Max(0, x - 1), Math.Max(0, y - 1), Math.Max(0, z - 1), 0, 0, 0);
            box = box with { Columns = Math.Min(g.Columns - 1, x + 1) - box.X + 1, Rows = Math.Min(g.Rows - 1, y + 1) - box.Y + 1, Slices = Math.Min(g.Slices - 1, z + 1) - box.Z + 1 };
            var kernelRegion = box.Cut(region);
            if (kernelRegion.Voxels.Count(m => m > 0) < 2) continue; // a one-voxel kernel: the extractor refuses it, the map holds its degenerate value
            var roi = RoiImage.FromVolumes(box.Cut(image), kernelRegion);
            var values = PyRadiomicsNames.Convert(RadiomicsExtractor.Extract(roi, settings with { TextureAggregations = new HashSet<string> { "3D averaged", "3D" } }), roi.VoxelVolume)
                .ToDictionary(k => k.Key, k => k.Value);
            foreach (var f in features)
            {
                double expected = values[$"original_{f}"];
                Assert.True(Math.Abs(maps[f].Voxels[v] - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"{f} at ({x},{y},{z}): map {maps[f].Voxels[v]}, direct {expected}");
            }
            checkedVoxels++;
        }
        Assert.True(checkedVoxels > 100, $"only {checkedVoxels} kernels checked");
    }

    [Fact]
    public void BadRequests_SayWhatToUse()
    {
        var (image, region) = Case();
        Assert.Contains("firstorder_Mean", Assert.Throws<ArgumentException>(() => VoxelFeatureMaps.Compute(image, region, new RadiomicsSettings(), new(), ["firstorder_Mea"])).Message);
        Assert.Contains("maskedKernel", Assert.Throws<ArgumentException>(() => VoxelFeatureMaps.Compute(image, region, new RadiomicsSettings(), new(MaskedKernel: false), ["firstorder_Mean"])).Message);
    }
}
